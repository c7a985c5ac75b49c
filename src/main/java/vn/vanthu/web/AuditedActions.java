package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;

/**
 * An administrator's change made from a page (accounts, address book, delivery desk): done, written
 * to the security trail, and told back as a notice; refused (invalid input, a conflict), nothing is
 * audited and the page says why.
 */
@Component
class AuditedActions {

    /**
     * What a done act leaves: the trail's entry, the notice, and the page to go to.
     *
     * @param <T> the controller's answer (a view name or a ModelAndView)
     */
    record Done<T>(SecurityAudit.Kind kind, String details, String notice, T next) {}

    private final SecurityAudit audit;

    AuditedActions(SecurityAudit audit) {
        this.audit = audit;
    }

    /** Runs {@code act}; a refusal is answered by {@code refused} (e.g. the form again, with its errors). */
    <T> T run(
            Caller caller,
            HttpServletRequest request,
            RedirectAttributes flash,
            Supplier<Done<T>> act,
            Function<RuntimeException, T> refused) {
        Done<T> done;
        try {
            done = act.get();
        } catch (InvalidInputException | ConflictException e) {
            return refused.apply(e);
        }
        return record(caller, request, flash, done);
    }

    /** Runs {@code act}; a refusal becomes the error flash and the answer {@code refusedNext}. */
    String run(
            Caller caller,
            HttpServletRequest request,
            RedirectAttributes flash,
            Supplier<Done<String>> act,
            String refusedNext) {
        return run(caller, request, flash, act, e -> {
            flash.addFlashAttribute("error", message(e));
            return refusedNext;
        });
    }

    /** Audits what is done and sets its notice. */
    <T> T record(Caller caller, HttpServletRequest request, RedirectAttributes flash, Done<T> done) {
        audit.recordFrom(done.kind(), caller.userId(), request, done.details());
        flash.addFlashAttribute("notice", done.notice());
        return done.next();
    }

    /** A refusal worth the trail (someone trying what they may not): recorded, and the error flash. */
    String refuse(
            Caller caller,
            HttpServletRequest request,
            RedirectAttributes flash,
            SecurityAudit.Kind kind,
            String details,
            RuntimeException refusal,
            String next) {
        audit.recordFrom(kind, caller.userId(), request, details);
        flash.addFlashAttribute("error", refusal.getMessage());
        return next;
    }

    /** A refusal in words: the field errors together, or the conflict's message. */
    static String message(RuntimeException refusal) {
        return refusal instanceof InvalidInputException i
                ? String.join(" ", i.fieldErrors().values())
                : refusal.getMessage();
    }
}
