package vn.vanthu.security;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class LoginThrottleConfiguration {

    @Bean
    LoginThrottle loginThrottle(SecuritySettings settings, Clock clock, LoginLockMail mail) {
        return new LoginThrottle(settings.login(), clock, mail);
    }
}
