package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.directory.PasswordChanges;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.security.SecurityAudit.Kind;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;

/**
 * "Đổi mật khẩu": where a person whose password an administrator reset must go first (the sign-in
 * leads here and nothing else answers until it is done: security.PasswordChangeGate), and where anyone
 * signed in may change their own. Passwords never go back into the page.
 */
@Controller
class PasswordChangePageController {

    static final String PATH = "/doi-mat-khau";

    private final PasswordChanges changes;
    private final SecurityAudit audit;

    PasswordChangePageController(PasswordChanges changes, SecurityAudit audit) {
        this.changes = changes;
        this.audit = audit;
    }

    @GetMapping(PATH)
    ModelAndView page(Authentication auth) {
        return page(Caller.of(auth), Map.of(), HttpStatus.OK);
    }

    private ModelAndView page(Caller caller, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("web/password-change", status);
        page.addObject("required", changes.required(caller.userId()));
        page.addObject("errors", errors);
        return page;
    }

    @PostMapping(PATH)
    ModelAndView change(
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword,
            @RequestParam(required = false) String repeatPassword,
            Authentication auth,
            HttpServletRequest request,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        try {
            changes.changeOwn(caller.userId(), currentPassword, newPassword, repeatPassword);
        } catch (InvalidInputException e) {
            return page(caller, e.fieldErrors(), HttpStatus.BAD_REQUEST);
        } catch (ConflictException e) {
            return page(caller, Map.of("newPassword", e.getMessage()), HttpStatus.CONFLICT);
        }
        audit.recordFrom(Kind.PASSWORD_CHANGED, caller.userId(), request, null);
        flash.addFlashAttribute("notice", "Đã đổi mật khẩu.");
        return new ModelAndView("redirect:/");
    }
}
