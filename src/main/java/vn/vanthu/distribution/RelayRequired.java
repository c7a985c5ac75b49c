package vn.vanthu.distribution;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * {@code prod} without spring.mail.host: the start-up stops here, naming the setting to give. The
 * in-process mail server is for the embedded default only (one per node, on fixed ports).
 */
@Configuration
@Profile("prod")
@ConditionalOnExpression("'${spring.mail.host:}'.isEmpty()")
class RelayRequired {

    RelayRequired() {
        throw new IllegalStateException("prod: spring.mail.host (VANTHU_SMTP_HOST) must name the SMTP relay;"
                + " the in-process mail server is for the embedded default only");
    }
}
