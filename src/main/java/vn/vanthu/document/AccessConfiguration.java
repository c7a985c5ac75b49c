package vn.vanthu.document;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.vanthu.security.SecuritySettings;

/** AccessPolicy as a bean: its rules stay free of Spring so that a plain unit test walks them all. */
@Configuration
class AccessConfiguration {

    @Bean
    AccessPolicy accessPolicy(SecuritySettings settings) {
        return new AccessPolicy(settings.clerksReadDrafts());
    }
}
