package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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
import vn.vanthu.directory.AddressBookAdmin;
import vn.vanthu.directory.AddressBookAdmin.Card;
import vn.vanthu.directory.AddressBookAdmin.CardInput;
import vn.vanthu.directory.AddressBookAdmin.GroupCard;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.security.SecurityAudit.Kind;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.web.AuditedActions.Done;

/**
 * The address book without SQL (issue 14, item 3), for clerks and administrators: entries (name,
 * email, unit, position; disabled rather than deleted), recipient groups and their members,
 * signers' positions. Every change goes into the audit trail (SecurityAudit) with what it was
 * before.
 */
@Controller
class AddressBookController {

    private final AddressBookAdmin book;
    private final Directory directory;
    private final AccessPolicy access;
    private final SecurityAudit audit;
    private final AuditedActions audited;
    private static final String BOOK = "redirect:/danh-ba";

    AddressBookController(
            AddressBookAdmin book,
            Directory directory,
            AccessPolicy access,
            SecurityAudit audit,
            AuditedActions audited) {
        this.book = book;
        this.directory = directory;
        this.access = access;
        this.audit = audit;
        this.audited = audited;
    }

    @GetMapping("/danh-ba")
    ModelAndView page(Authentication auth) {
        check(auth);
        return page(null, Map.of(), HttpStatus.OK);
    }

    private ModelAndView page(CardInput input, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("web/address-book", status);
        page.addObject("cards", book.cards());
        page.addObject("groups", book.groups());
        page.addObject("signers", book.signerPositions());
        page.addObject("input", input == null ? new CardInput("UNIT", "", "", "", "") : input);
        page.addObject("errors", errors);
        page.addObject("changes", audit.newest(Kind.OFFICE, 30));
        return page;
    }

    @PostMapping("/danh-ba/muc")
    ModelAndView add(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String position,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        CardInput input = new CardInput(kind, name, email, unit, position);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    Card card = book.add(input);
                    return new Done<>(
                            Kind.ADDRESS_ENTRY_ADDED,
                            describe(card),
                            "Đã thêm " + card.name() + " vào danh bạ.",
                            new ModelAndView(BOOK));
                },
                e -> e instanceof InvalidInputException i
                        ? page(input, i.fieldErrors(), HttpStatus.BAD_REQUEST)
                        : page(input, Map.of("email", e.getMessage()), HttpStatus.CONFLICT));
    }

    @GetMapping("/danh-ba/muc/{id}")
    ModelAndView edit(@PathVariable long id, Authentication auth) {
        check(auth);
        Card card = book.card(id);
        return editPage(
                card,
                new CardInput(card.kind(), card.name(), card.email(), card.unit(), card.position()),
                Map.of(),
                HttpStatus.OK);
    }

    private ModelAndView editPage(Card card, CardInput input, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("web/address-entry", status);
        page.addObject("card", card);
        page.addObject("input", input);
        page.addObject("errors", errors);
        return page;
    }

    @PostMapping("/danh-ba/muc/{id}")
    ModelAndView save(
            @PathVariable long id,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String unit,
            @RequestParam(required = false) String position,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        CardInput input = new CardInput(kind, name, email, unit, position);
        Card before = book.card(id);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    book.edit(id, input);
                    return new Done<>(
                            Kind.ADDRESS_ENTRY_CHANGED,
                            "trước: " + describe(before) + " · sau: " + describe(book.card(id)),
                            "Đã lưu " + book.card(id).name() + ".",
                            new ModelAndView(BOOK));
                },
                e -> e instanceof InvalidInputException i
                        ? editPage(before, input, i.fieldErrors(), HttpStatus.BAD_REQUEST)
                        : editPage(before, input, Map.of("email", e.getMessage()), HttpStatus.CONFLICT));
    }

    @PostMapping("/danh-ba/muc/{id}/trang-thai")
    String active(
            @PathVariable long id,
            @RequestParam(required = false) String active,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        if (!"true".equals(active) && !"false".equals(active)) {
            throw InvalidInputException.of("active", "Thiếu lựa chọn dùng hay ngừng dùng.");
        }
        boolean on = Boolean.parseBoolean(active);
        Card card = book.setActive(id, on);
        return audited.record(
                caller,
                request,
                flash,
                new Done<>(
                        on ? Kind.ADDRESS_ENTRY_ENABLED : Kind.ADDRESS_ENTRY_DISABLED,
                        describe(card),
                        (on ? "Đã dùng lại " : "Đã ngừng dùng ") + card.name() + ".",
                        BOOK));
    }

    @PostMapping("/danh-ba/nhom")
    String addGroup(
            @RequestParam(required = false) String name,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    GroupCard group = book.addGroup(name);
                    return new Done<>(
                            Kind.RECIPIENT_GROUP_ADDED,
                            group.name(),
                            "Đã thêm nhóm " + group.name() + "; chọn thành viên của nhóm.",
                            "redirect:/danh-ba/nhom/" + group.id());
                },
                BOOK);
    }

    @GetMapping("/danh-ba/nhom/{id}")
    ModelAndView group(@PathVariable long id, Authentication auth) {
        check(auth);
        ModelAndView page = new ModelAndView("web/recipient-group");
        page.addObject("group", book.group(id));
        page.addObject("cards", book.cards());
        return page;
    }

    @PostMapping("/danh-ba/nhom/{id}")
    String saveGroup(
            @PathVariable long id,
            @RequestParam(required = false) String name,
            @RequestParam(name = "members", required = false) List<String> members,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    GroupCard before =
                            book.editGroup(id, name, AddressBookAdmin.ids(members == null ? List.of() : members));
                    GroupCard after = book.group(id);
                    return new Done<>(
                            Kind.RECIPIENT_GROUP_CHANGED,
                            before.name() + (before.name().equals(after.name()) ? "" : " → " + after.name())
                                    + ": thành viên " + before.members() + " → " + after.members(),
                            "Đã lưu nhóm " + after.name() + ".",
                            BOOK);
                },
                "redirect:/danh-ba/nhom/" + id);
    }

    @PostMapping("/danh-ba/chuc-vu/{userId}")
    String position(
            @PathVariable String userId,
            @RequestParam(required = false) String position,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        String before = directory.signer(userId).map(s -> s.position()).orElse("—");
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    book.setPosition(userId, position);
                    return new Done<>(
                            Kind.SIGNER_POSITION_CHANGED,
                            userId + ": " + before + " → " + position.strip(),
                            "Đã lưu chức vụ của " + directory.fullName(userId) + ".",
                            BOOK);
                },
                BOOK);
    }

    private Caller check(Authentication auth) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.MANAGE_ADDRESS_BOOK);
        return caller;
    }

    private static String describe(Card c) {
        return "#" + c.id() + " " + (c.isUnit() ? "đơn vị" : "cá nhân") + " " + c.name() + " <" + c.email() + ">"
                + (c.unit() == null ? "" : ", " + c.unit()) + (c.position() == null ? "" : ", " + c.position());
    }
}
