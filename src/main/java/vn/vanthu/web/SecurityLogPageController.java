package vn.vanthu.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;

/** "Nhật ký an ninh": the newest security events, for administrators. */
@Controller
class SecurityLogPageController {

    private final SecurityAudit audit;
    private final AccessPolicy access;

    SecurityLogPageController(SecurityAudit audit, AccessPolicy access) {
        this.audit = audit;
        this.access = access;
    }

    @GetMapping("/quan-tri/nhat-ky")
    String log(Model model, Authentication auth) {
        access.check(Caller.of(auth), Action.READ_SECURITY_LOG);
        model.addAttribute("events", audit.newest(300));
        return "web/security-log";
    }
}
