package vn.vanthu.security;

import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LoginThrottleConfiguration {

    @Bean
    LoginThrottle loginThrottle(SecuritySettings settings, Clock clock, ApplicationEventPublisher events) {
        // the owner is emailed by distribution (LoginLockNotices), which security does not know
        return new LoginThrottle(
                settings.login(), clock, (userId, until) -> events.publishEvent(new LoginLocked(userId, until)));
    }
}
