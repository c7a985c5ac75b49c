package vn.vanthu.security;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.directory.Groups;
import vn.vanthu.system.ForbiddenException;

/** An administrator lifts the login lock of an account before it runs out (the owner called the office). */
@RestController
@RequestMapping("/api/admin/login-locks")
class LoginLockController {

    private final LoginThrottle throttle;
    private final SecurityAudit audit;

    LoginLockController(LoginThrottle throttle, SecurityAudit audit) {
        this.audit = audit;
        this.throttle = throttle;
    }

    /** 204 whether or not the account was locked: afterwards it is not. */
    @DeleteMapping("/{userId}")
    ResponseEntity<Void> lift(@PathVariable String userId, Authentication authentication) {
        // SecurityConfiguration already limits /api/admin/** to administrators; checked here too, next to the action
        if (!Caller.of(authentication).isIn(Groups.ADMINS)) {
            throw new ForbiddenException("Chỉ quản trị viên mở khóa đăng nhập được.");
        }
        throttle.lift(userId);
        audit.record(SecurityAudit.Kind.LOGIN_LOCK_LIFTED, authentication.getName(), null, userId);
        return ResponseEntity.noContent().build();
    }
}
