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
import vn.vanthu.directory.Groups;
import vn.vanthu.directory.StaffAccounts;
import vn.vanthu.directory.StaffAccounts.NewAccount;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit.Kind;
import vn.vanthu.signing.SigningCertificates;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.web.AuditedActions.Done;

/**
 * Staff accounts without SQL (issue 14, item 3), for administrators: create one with its groups,
 * change its groups, reset its password, all through Camunda's identity service; each change in
 * the audit trail (never the password itself).
 */
@Controller
class AccountsController {

    static final List<String> GROUPS =
            List.of(Groups.DRAFTERS, Groups.REVIEWERS, Groups.SIGNERS, Groups.CLERKS, Groups.ADMINS);
    private static final String ACCOUNTS = "redirect:/quan-tri/tai-khoan";

    private final StaffAccounts accounts;
    private final AccessPolicy access;
    private final AuditedActions audited;
    private final WebLabels labels;
    private final SigningCertificates certificates;

    AccountsController(
            StaffAccounts accounts,
            AccessPolicy access,
            AuditedActions audited,
            WebLabels labels,
            SigningCertificates certificates) {
        this.labels = labels;
        this.certificates = certificates;
        this.accounts = accounts;
        this.access = access;
        this.audited = audited;
    }

    @GetMapping("/quan-tri/tai-khoan")
    ModelAndView page(Authentication auth) {
        Caller caller = check(auth);
        return page(caller, new NewAccount("", "", "", "", "", List.of(Groups.DRAFTERS)), Map.of(), HttpStatus.OK);
    }

    private ModelAndView page(Caller caller, NewAccount input, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("web/accounts", status);
        page.addObject("pendingCertificates", certificates.list(caller, SigningCertificates.State.PENDING));
        page.addObject("accounts", accounts.accounts());
        page.addObject("allGroups", GROUPS);
        page.addObject("input", input);
        page.addObject("errors", errors);
        return page;
    }

    @PostMapping("/quan-tri/tai-khoan")
    ModelAndView create(
            @RequestParam(required = false) String id,
            @RequestParam(required = false) String firstName,
            @RequestParam(required = false) String lastName,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String password,
            @RequestParam(name = "groups", required = false) List<String> groups,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        NewAccount input =
                new NewAccount(id, firstName, lastName, email, password, groups == null ? List.of() : groups);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    StaffAccounts.Account account = accounts.create(input);
                    return new Done<>(
                            Kind.ACCOUNT_CREATED,
                            account.id() + " (" + account.fullName() + ", " + account.email() + ") nhóm "
                                    + names(account.groups()),
                            "Đã tạo tài khoản " + account.id() + ".",
                            new ModelAndView("redirect:/quan-tri/tai-khoan"));
                },
                e -> e instanceof InvalidInputException i
                        ? page(caller, blankPassword(input), i.fieldErrors(), HttpStatus.BAD_REQUEST)
                        : page(caller, blankPassword(input), Map.of("id", e.getMessage()), HttpStatus.CONFLICT));
    }

    @PostMapping("/quan-tri/tai-khoan/{userId}/nhom")
    String groups(
            @PathVariable String userId,
            @RequestParam(name = "groups", required = false) List<String> groups,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        try {
            return audited.run(
                    caller,
                    request,
                    flash,
                    () -> {
                        List<String> before =
                                accounts.setGroups(caller.userId(), userId, groups == null ? List.of() : groups);
                        return new Done<>(
                                Kind.ACCOUNT_GROUPS_CHANGED,
                                userId + ": " + names(before) + " → " + names(accounts.memberships(userId)),
                                "Đã lưu nhóm của " + userId + ".",
                                ACCOUNTS);
                    },
                    ACCOUNTS);
        } catch (ForbiddenException e) {
            // one's own groups: refused, and the attempt is in the trail
            return audited.refuse(caller, request, flash, Kind.OWN_GROUPS_REFUSED, userId + ": " + groups, e, ACCOUNTS);
        }
    }

    @PostMapping("/quan-tri/tai-khoan/{userId}/mat-khau")
    String password(
            @PathVariable String userId,
            @RequestParam(required = false) String password,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        return audited.run(
                caller,
                request,
                flash,
                () -> {
                    accounts.resetPassword(caller.userId(), userId, password);
                    return new Done<>(
                            Kind.PASSWORD_RESET,
                            userId,
                            "Đã đặt lại mật khẩu của " + userId
                                    + ". Lần đăng nhập tới, người dùng phải tự đổi mật khẩu; họ được báo qua email.",
                            ACCOUNTS);
                },
                ACCOUNTS);
    }

    /**
     * A leader's presented signing certificate, approved or refused (docs/signing.md, "Enrolment"):
     * SigningCertificates checks the administrator and publishes the change for the security trail.
     */
    @PostMapping("/quan-tri/tai-khoan/chung-thu/{certificateId}/duyet")
    String approveCertificate(@PathVariable long certificateId, Authentication auth, RedirectAttributes flash) {
        Caller caller = check(auth);
        try {
            SigningCertificates.Enrolment e = certificates.approve(certificateId, caller);
            flash.addFlashAttribute("notice", "Đã duyệt chứng thư số #" + certificateId + " của " + e.userId() + ".");
        } catch (vn.vanthu.system.NotFoundException | ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/quan-tri/tai-khoan";
    }

    @PostMapping("/quan-tri/tai-khoan/chung-thu/{certificateId}/tu-choi")
    String refuseCertificate(
            @PathVariable long certificateId,
            @RequestParam(required = false) String note,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = check(auth);
        try {
            SigningCertificates.Enrolment e = certificates.refuse(certificateId, caller, note);
            flash.addFlashAttribute("notice", "Đã từ chối chứng thư số #" + certificateId + " của " + e.userId() + ".");
        } catch (vn.vanthu.system.NotFoundException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/quan-tri/tai-khoan";
    }

    private Caller check(Authentication auth) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.MANAGE_ACCOUNTS);
        return caller;
    }

    /** The groups as people read them, for the audit trail. */
    private String names(List<String> groups) {
        return groups.isEmpty()
                ? "(không nhóm)"
                : String.join(", ", groups.stream().map(labels::group).toList());
    }

    /** A refused form comes back without the password typed. */
    private static NewAccount blankPassword(NewAccount input) {
        return new NewAccount(input.id(), input.firstName(), input.lastName(), input.email(), "", input.groups());
    }
}
