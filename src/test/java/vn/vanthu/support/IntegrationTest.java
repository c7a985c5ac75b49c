package vn.vanthu.support;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.net.ServerSocket;
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
 * folder, the in-process GreenMail server on free ports, and the real HTTP port. What only some tests
 * use is set here too (a remote signer, the local signing agent's address) rather than in a context of
 * their own: each further context starts the whole application again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// metrics are exported as in production (Spring Boot's tests turn the Prometheus endpoint off otherwise)
@AutoConfigureObservability(tracing = false)
public abstract class IntegrationTest {

    static {
        quietWaits();
    }

    /**
     * Awaitility's waits no longer fail on an exception thrown in any other thread of the JVM (its
     * default). Test classes run side by side (junit-platform.properties): a GreenMail handler of
     * ClusterTest's mail server, whose client node was just stopped, once failed BatchSignPageTest's
     * wait in line with its "Connection reset". Each test asserts what its own wait is for.
     */
    public static void quietWaits() {
        org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    static final Path DATA_DIR =
            Path.of("target", "test-data", UUID.randomUUID().toString());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vanthu.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        registry.add("vanthu.mail.embedded.smtp-port", () -> "0");
        registry.add("vanthu.mail.embedded.imap-port", () -> "0");
        // short retries so an outage test recovers in seconds
        registry.add("vanthu.distribution.retry-intervals", () -> "PT0.5S,PT0.5S,PT1S");
        // the tests call the public signature check from 127.0.0.1 far more than 10 times a minute
        registry.add("vanthu.verification.per-address-per-minute", () -> "10000");
        registry.add("camunda.bpm.job-execution.wait-time-in-millis", () -> "200");
        registry.add("camunda.bpm.job-execution.max-wait", () -> "1000");
        // one leader signs through a remote signing service (RemoteSigningTest makes that user; no other
        // test signs as them), its phone played on localhost: short waits, so a test sees each ending in seconds
        registry.add("vanthu.signing.remote.signers", () -> REMOTE_SIGNER);
        registry.add("vanthu.signing.remote.url", PHONE::url);
        registry.add("vanthu.signing.remote.poll-every", () -> "PT0.2S");
        registry.add("vanthu.signing.remote.timeout", () -> "PT3S");
        registry.add("vanthu.signing.remote.retry-intervals", () -> "PT0.1S,PT0.1S");
        // the local signing agent's address the sign page is told (TokenSigningBrowserTest starts one there)
        registry.add("vanthu.signing.client.agent-url", () -> "http://127.0.0.1:" + AGENT_PORT);
    }

    /**
     * The class-level {@code @Order} of the tests with a whole application of their own beside the shared
     * one (the identity modes): they run after every other class in the JVM, because closing a second
     * context with Camunda's webapps clears the webapps' static runtime under the shared context's feet
     * (its Cockpit then answers 500). Unannotated classes keep {@code Order.DEFAULT}, half of this.
     */
    public static final int AFTER_THE_SHARED_APPLICATION = Integer.MAX_VALUE;

    /** A free port chosen before the application starts, for the local signing agent of a test. */
    public static final int AGENT_PORT = freePort();

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The leader whose key the simulated remote signing service holds (see RemoteSigningTest). */
    public static final String REMOTE_SIGNER = "kytuxa";

    /** That service, for the whole JVM, as the shared context is. */
    public static final SimulatedSigningService PHONE = SimulatedSigningService.forTheJvm();

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
