package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit.Kind;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.web.AuditedActions.Done;
import vn.vanthu.workflow.Redelivery;

/**
 * The clerk's desk for one issued document (issue 14, item 7): every recipient's email with its
 * state, a corrected address sent again, a delivery on paper recorded. Both changes go into the
 * audit trail; the paper delivery also into the document's history.
 */
@Controller
class DeliveryDeskController {

    private final DeliveryService deliveries;
    private final Redelivery redelivery;
    private final DocumentViews views;
    private final AccessPolicy access;
    private final AuditedActions audited;

    DeliveryDeskController(
            DeliveryService deliveries,
            Redelivery redelivery,
            DocumentViews views,
            AccessPolicy access,
            AuditedActions audited) {
        this.deliveries = deliveries;
        this.redelivery = redelivery;
        this.views = views;
        this.access = access;
        this.audited = audited;
    }

    @GetMapping("/van-ban/{id}/phat-hanh")
    ModelAndView desk(@PathVariable Long id, Authentication auth) {
        access.check(Caller.of(auth), Action.CORRECT_DELIVERY);
        return page(id, null, Map.of(), HttpStatus.OK);
    }

    private ModelAndView page(Long id, Long failedId, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("web/delivery-desk", status);
        page.addObject("doc", views.view(id));
        page.addObject("lines", deliveries.desk(id));
        page.addObject("failedId", failedId);
        page.addObject("errors", errors);
        return page;
    }

    @PostMapping("/van-ban/{id}/phat-hanh/{deliveryId}/dia-chi")
    ModelAndView correct(
            @PathVariable Long id,
            @PathVariable Long deliveryId,
            @RequestParam(required = false) String email,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.CORRECT_DELIVERY);
        Delivery delivery = mine(id, deliveryId);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    Delivery before = redelivery.correctAndResend(delivery.id(), email, caller);
                    return new Done<>(
                            Kind.DELIVERY_ADDRESS_CORRECTED,
                            "văn bản " + id + ", " + before.name() + ": " + before.email() + " → " + email.strip(),
                            "Đã sửa địa chỉ của " + before.name() + " và đang gửi lại tới " + email.strip() + ".",
                            new ModelAndView("redirect:/van-ban/" + id + "/phat-hanh"));
                },
                e -> refused(id, deliveryId, "email", e));
    }

    @PostMapping("/van-ban/{id}/phat-hanh/{deliveryId}/ban-giay")
    ModelAndView paper(
            @PathVariable Long id,
            @PathVariable Long deliveryId,
            @RequestParam(required = false) String note,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.CORRECT_DELIVERY);
        Delivery delivery = mine(id, deliveryId);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    deliveries.recordPaper(delivery.id(), note, caller.userId());
                    return new Done<>(
                            Kind.PAPER_DELIVERY_RECORDED,
                            "văn bản " + id + ", " + delivery.name() + ": " + note.strip(),
                            "Đã ghi nhận gửi bản giấy cho " + delivery.name() + ".",
                            new ModelAndView("redirect:/van-ban/" + id + "/phat-hanh"));
                },
                e -> refused(id, deliveryId, "note", e));
    }

    /** The desk again, the refusal beside the field: 400 for invalid input, 409 for a conflict. */
    private ModelAndView refused(Long id, Long deliveryId, String field, RuntimeException e) {
        return page(
                id,
                deliveryId,
                Map.of(field, AuditedActions.message(e)),
                e instanceof InvalidInputException ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
    }

    /** The delivery, if it belongs to this document (a path naming another document's delivery is 404). */
    private Delivery mine(Long documentId, Long deliveryId) {
        Delivery delivery = deliveries.get(deliveryId);
        if (!delivery.documentId().equals(documentId)) {
            throw new NotFoundException("Không có lần gửi " + deliveryId + " của văn bản này.");
        }
        return delivery;
    }
}
