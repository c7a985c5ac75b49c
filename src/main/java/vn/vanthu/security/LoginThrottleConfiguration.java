package vn.vanthu.security;

import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LoginThrottleConfiguration {

    @Bean
    LoginThrottle loginThrottle(
            SecuritySettings settings, Clock clock, ApplicationEventPublisher events, SecurityAudit audit) {
        return new LoginThrottle(settings.login(), clock, new LoginThrottle.LockNotifier() {
            @Override
            public void locked(String userId, Instant until) {
                // the owner is emailed by distribution (LoginLockNotices), which security does not know
                events.publishEvent(new LoginLocked(userId, until));
            }

            @Override
            public void blocked(String userId, String address, Instant until, boolean accountWide) {
                audit.record(
                        SecurityAudit.Kind.LOGIN_BLOCKED,
                        userId,
                        address,
                        (accountWide
                                        ? "tài khoản bị dò mật khẩu từ nhiều địa chỉ: chặn các địa chỉ đã nhập sai"
                                        : "chặn tài khoản từ địa chỉ này")
                                + " đến " + until);
            }
        });
    }
}
