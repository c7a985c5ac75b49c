package vn.vanthu.signing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.signing.client.request-validity}: how long the data-to-sign handed to a leader's own
 * token (POST /api/tasks/{id}/signature) may be answered with its signature value.
 */
@ConfigurationProperties("vanthu.signing.client")
public record ClientSigningProperties(@DefaultValue("PT5M") Duration requestValidity) {

    public ClientSigningProperties {
        if (requestValidity == null || requestValidity.isNegative() || requestValidity.isZero()) {
            throw new IllegalArgumentException("vanthu.signing.client.request-validity must be positive");
        }
    }
}
