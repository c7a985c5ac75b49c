package vn.vanthu.support;

import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole application: one Spring context for all of them (same
 * configuration, so Spring's test context cache reuses it), a real H2 file database in a fresh
 * folder, the in-process GreenMail server on free ports, and the real HTTP port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// metrics are exported as in production (Spring Boot's tests turn the Prometheus endpoint off otherwise)
@AutoConfigureObservability(tracing = false)
public abstract class IntegrationTest {

    static final Path DATA_DIR =
            Path.of("target", "test-data", UUID.randomUUID().toString());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vanthu.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        registry.add("vanthu.mail.embedded.smtp-port", () -> "0");
        registry.add("vanthu.mail.embedded.imap-port", () -> "0");
        // short retries so an outage test recovers in seconds
        registry.add("vanthu.distribution.retry-intervals", () -> "PT1S,PT1S,PT2S");
        // the tests call the public signature check from 127.0.0.1 far more than 10 times a minute
        registry.add("vanthu.verification.per-address-per-minute", () -> "10000");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "200");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected GreenMail mailServer;

    protected Api as(String user) {
        return Api.at(port, user, "demo");
    }

    protected Api as(String user, String password) {
        return Api.at(port, user, password);
    }

    protected Api anonymous() {
        return Api.at(port, null, null);
    }
}
