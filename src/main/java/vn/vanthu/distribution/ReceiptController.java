package vn.vanthu.distribution;

import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.FreeText;
import vn.vanthu.document.MeetingPapers;
import vn.vanthu.document.PaperDownloads;
import vn.vanthu.rendering.VietnameseDates;

/**
 * The recipient's personal links, no sign-in. Opening a link only shows a page: /receipt with a
 * "received" button, /attend, /decline and /delegate with that answer chosen and a confirm button.
 * Only the POST of a page's form records receipt (POST /r/{token}/receipt) or an answer (POST
 * /r/{token}/answer, which implies receipt), because mail gateways fetch every link in an email
 * with nobody reading it. An unknown, forged or expired token gets a 404 page saying so.
 */
@Controller
class ReceiptController {

    private static final String INVALID = "Liên kết không hợp lệ hoặc đã hết hạn.";

    private final RecipientLinks links;
    private final DeliveryService deliveries;
    private final DocumentService documents;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReceiptController.class);

    private final MeetingPapers papers;

    ReceiptController(
            RecipientLinks links, DeliveryService deliveries, DocumentService documents, MeetingPapers papers) {
        this.papers = papers;
        this.links = links;
        this.deliveries = deliveries;
        this.documents = documents;
    }

    @GetMapping("/r/{token}/{action}")
    Object open(@PathVariable String token, @PathVariable String action, Model model) {
        Optional<RecipientLinks.Holder> holder = links.resolve(token);
        Optional<Delivery.Response> answer = answer(action);
        if (holder.isEmpty() || (!"receipt".equals(action) && answer.isEmpty())) {
            return notFound();
        }
        Document document = documents.get(holder.get().documentId());
        DraftContent content = documents.currentVersion(document).content();
        if (answer.isPresent() && (content.meeting() == null || !allowed(content, answer.get()))) {
            return notFound();
        }
        describe(model, document, content);
        model.addAttribute("token", token);
        model.addAttribute("received", deliveries.receiptConfirmed(holder.get()));
        model.addAttribute("mode", answer.isEmpty() ? "receipt" : "choose");
        answer.ifPresent(a -> model.addAttribute("answer", a.name()));
        return "receipt";
    }

    /**
     * A meeting paper too large for the email, over the recipient's own token: only a paper of the
     * token's document, only while that document stands issued (a recalled one's papers are
     * withdrawn with it). Whoever holds the email holds the link, as with the answer links; the
     * token expires with them and each download is logged with the recipient it was issued to.
     */
    @GetMapping("/r/{token}/tai-lieu/{paperId}")
    Object paper(@PathVariable String token, @PathVariable Long paperId) {
        Optional<RecipientLinks.Holder> holder = links.resolve(token);
        if (holder.isEmpty()) {
            return notFound();
        }
        Document document = documents.get(holder.get().documentId());
        Optional<MeetingPapers.Paper> paper = papers.find(document.getId(), paperId);
        if (document.getStatus() != DocumentStatus.ISSUED || paper.isEmpty()) {
            return notFound();
        }
        log.info(
                "Paper {} of document {} downloaded over the link of recipient {}",
                paperId,
                document.getId(),
                holder.get().position());
        return PaperDownloads.download(paper.get(), papers.content(paperId));
    }

    /** The receipt page's button: the recipient says they have the document. */
    @PostMapping("/r/{token}/receipt")
    Object confirmReceipt(@PathVariable String token, Model model) {
        Optional<RecipientLinks.Holder> holder = links.resolve(token);
        if (holder.isEmpty()) {
            return notFound();
        }
        Document document = documents.get(holder.get().documentId());
        deliveries.recordReceipt(holder.get());
        describe(model, document, documents.currentVersion(document).content());
        model.addAttribute("token", token);
        model.addAttribute("received", true);
        model.addAttribute("mode", "received");
        return "receipt";
    }

    @PostMapping("/r/{token}/answer")
    Object answer(
            @PathVariable String token,
            @RequestParam(required = false) String answer,
            @RequestParam(required = false) String delegateName,
            @RequestParam(required = false) String delegatePosition,
            @RequestParam(required = false) String declineReason,
            Model model,
            jakarta.servlet.http.HttpServletResponse http) {
        Optional<RecipientLinks.Holder> holder = links.resolve(token);
        if (holder.isEmpty()) {
            return notFound();
        }
        Document document = documents.get(holder.get().documentId());
        DraftContent content = documents.currentVersion(document).content();
        Optional<Delivery.Response> response = Optional.ofNullable(answer).flatMap(ReceiptController::parse);
        if (content.meeting() == null || response.isEmpty()) {
            return notFound();
        }
        if (!allowed(content, response.get())) {
            // the draft says no substitute may come: the answer is not offered, and refused if sent anyway
            model.addAttribute("mode", "choose");
            model.addAttribute("error", "Giấy mời này không cho phép cử người dự thay.");
            describe(model, document, content);
            model.addAttribute("token", token);
            http.setStatus(HttpStatus.BAD_REQUEST.value());
            return "receipt";
        }
        describe(model, document, content);
        model.addAttribute("token", token);
        model.addAttribute("answer", response.get().name());
        if (document.getStatus() == DocumentStatus.RECALLED) {
            model.addAttribute("mode", "recalled");
            return "receipt";
        }
        String delegate = clean(delegateName);
        String position = clean(delegatePosition);
        String reason = clean(declineReason);
        model.addAttribute("delegateName", delegate);
        model.addAttribute("delegatePosition", position);
        model.addAttribute("declineReason", reason);
        String error = switch (response.get()) {
            case DELEGATED ->
                delegate == null || delegate.length() > 300 || FreeText.problem(delegate) != null
                        ? "Xin ghi họ tên người dự thay (tối đa 300 ký tự)."
                        : position == null || position.length() > 200 || FreeText.problem(position) != null
                                ? "Xin ghi chức vụ của người dự thay (tối đa 200 ký tự)."
                                : null;
            case DECLINED ->
                reason == null || reason.length() > 1000 || FreeText.problem(reason) != null
                        ? "Xin ghi lý do không tham dự (tối đa 1000 ký tự)."
                        : null;
            case ATTENDING -> null;
        };
        if (error != null) {
            model.addAttribute("mode", "choose");
            model.addAttribute("error", error);
            http.setStatus(HttpStatus.BAD_REQUEST.value());
            return "receipt";
        }
        deliveries.recordResponse(
                holder.get(), new Delivery.Answer(response.get(), delegate, position, reason, Delivery.Via.LINK));
        model.addAttribute("mode", "answered");
        return "receipt";
    }

    /** "Cử người dự thay" only where the draft allows a substitute. */
    private static boolean allowed(DraftContent content, Delivery.Response response) {
        return response != Delivery.Response.DELEGATED || content.meeting().allowSubstitute();
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String text = FreeText.normalise(value).strip();
        return text.isEmpty() ? null : text;
    }

    private void describe(Model model, Document document, DraftContent content) {
        model.addAttribute("number", document.getNumber());
        model.addAttribute("title", content.title());
        model.addAttribute("recalled", document.getStatus() == DocumentStatus.RECALLED);
        if (content.meeting() != null) {
            model.addAttribute(
                    "meetingTime",
                    VietnameseDates.meetingTime(
                            content.meeting().start().atZone(OrganisationProperties.VIETNAM),
                            content.meeting().end().atZone(OrganisationProperties.VIETNAM)));
            model.addAttribute("location", content.meeting().location());
            model.addAttribute("allowSubstitute", content.meeting().allowSubstitute());
        }
    }

    private static Optional<Delivery.Response> answer(String action) {
        return switch (action) {
            case "attend" -> Optional.of(Delivery.Response.ATTENDING);
            case "decline" -> Optional.of(Delivery.Response.DECLINED);
            case "delegate" -> Optional.of(Delivery.Response.DELEGATED);
            default -> Optional.empty();
        };
    }

    private static Optional<Delivery.Response> parse(String value) {
        try {
            return Optional.of(Delivery.Response.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The recipient's own page, styled as the others, saying the link cannot be used (404). */
    private static org.springframework.web.servlet.ModelAndView notFound() {
        org.springframework.web.servlet.ModelAndView page =
                new org.springframework.web.servlet.ModelAndView("receipt", HttpStatus.NOT_FOUND);
        page.addObject("mode", "invalid");
        page.addObject("error", INVALID);
        return page;
    }
}
