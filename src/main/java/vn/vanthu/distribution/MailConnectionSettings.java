package vn.vanthu.distribution;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * vanthu.mail.connections.*: how many SMTP connections stay open between emails, for how long,
 * and how many messages one connection carries before it is renewed (relays often limit that).
 */
@ConfigurationProperties("vanthu.mail.connections")
record MailConnectionSettings(
        @DefaultValue("8") int maxIdle,
        @DefaultValue("PT30S") Duration idleTimeout,
        @DefaultValue("100") int maxMessagesPerConnection) {

    MailConnectionSettings {
        if (maxIdle < 0 || maxMessagesPerConnection < 1 || idleTimeout.isNegative()) {
            throw new IllegalArgumentException(
                    "vanthu.mail.connections: max-idle >= 0, max-messages-per-connection >= 1, " + "idle-timeout >= 0");
        }
    }

    PooledMailSender newSender() {
        return new PooledMailSender(maxIdle, idleTimeout, maxMessagesPerConnection);
    }
}
