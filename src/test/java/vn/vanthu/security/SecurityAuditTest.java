package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import vn.vanthu.signing.DemoSigning;
import vn.vanthu.support.Api;
import vn.vanthu.support.IntegrationTest;

/** The security audit trail (issue 15, item 9): in the table, on the administrators' page, not for others. */
class SecurityAuditTest extends IntegrationTest {

    @Autowired
    SecurityAudit audit;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void failedSignInsRefusedCamundaWritesAndWrongPinsAreTraced() {
        // a wrong password, claiming an address of its own: no proxy is trusted by default, so the
        // trail (and the throttle) see the connection's address, loopback
        Api guesser = as("chanhvanphong", "sai-mat-khau").withHeader("X-Forwarded-For", "203.0.113.9");
        assertThat(guesser.get("/api/tasks").status()).isEqualTo(401);
        // an admin's task completion through Camunda's REST API
        assertThat(as("admin")
                        .post("/engine-rest/task/khong-co/complete", Map.of())
                        .status())
                .isEqualTo(403);
        events.publishEvent(DemoSigning.wrongPin("phobithu", 4));

        assertThat(audit.newest(50))
                .anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(SecurityAudit.Kind.LOGIN_FAILED);
                    assertThat(e.actor()).isEqualTo("chanhvanphong");
                    assertThat(e.client()).isEqualTo("127.0.0.1");
                })
                .anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(SecurityAudit.Kind.CAMUNDA_API_REFUSED);
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.detail()).contains("POST", "/engine-rest/task/khong-co/complete");
                })
                .anySatisfy(e -> {
                    assertThat(e.kind()).isEqualTo(SecurityAudit.Kind.SIGNING_PIN_WRONG);
                    assertThat(e.actor()).isEqualTo("phobithu");
                });

        Api.Response page = as("admin").get("/quan-tri/nhat-ky");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("Nhật ký an ninh", "Sai mật khẩu", "127.0.0.1", "Sai mã PIN ký số")
                .doesNotContain("203.0.113.9");
        assertThat(as("vanthu").get("/quan-tri/nhat-ky").status()).isEqualTo(403);
    }
}
