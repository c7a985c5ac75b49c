package vn.vanthu.signing;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.signing.client.*}: how long the data-to-sign handed to a leader's own token
 * (POST /api/tasks/{id}/signature) may be answered with its signature value, and where the sign page
 * finds the local signing agent on the leader's computer (docs/signing-agent.md).
 *
 * @param agentUrl the agent's address as the leader's browser reaches it: loopback only, since the agent
 *                 listens nowhere else and the pages' Content-Security-Policy lets scripts reach loopback
 *                 and nothing more
 */
@ConfigurationProperties("vanthu.signing.client")
public record ClientSigningProperties(
        @DefaultValue("PT5M") Duration requestValidity,
        @DefaultValue("http://127.0.0.1:8765") URI agentUrl) {

    public ClientSigningProperties {
        if (requestValidity == null || requestValidity.isNegative() || requestValidity.isZero()) {
            throw new IllegalArgumentException("vanthu.signing.client.request-validity must be positive");
        }
        if (agentUrl == null
                || !"http".equals(agentUrl.getScheme())
                || !("127.0.0.1".equals(agentUrl.getHost()) || "localhost".equals(agentUrl.getHost()))
                || agentUrl.getPort() <= 0) {
            throw new IllegalArgumentException(
                    "vanthu.signing.client.agent-url must be http://127.0.0.1:PORT or http://localhost:PORT: "
                            + agentUrl);
        }
    }

    /** The agent's origin, as the page's script calls it. */
    public String agentOrigin() {
        return agentUrl.getScheme() + "://" + agentUrl.getHost() + ":" + agentUrl.getPort();
    }
}
