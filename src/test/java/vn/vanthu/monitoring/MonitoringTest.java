package vn.vanthu.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * Health and metrics as a load balancer, a supervisor and Prometheus see them (issue 16, item 2):
 * the probes answer anyone with the status only, an administrator sees each part, and a scrape
 * names the documents, the emails and the time from signature to inbox.
 */
class MonitoringTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void probesAnswerAnyoneWithTheStatusOnly() {
        for (String probe :
                new String[] {"/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health"}) {
            Api.Response response = anonymous().get(probe);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().get("status").asText()).as(probe).isEqualTo("UP");
            assertThat(response.json().has("components")).as(probe).isFalse();
            assertThat(response.json().has("details")).as(probe).isFalse();
        }
        // a signed-in clerk is staff but not an administrator: still the status only
        assertThat(as("vanthu").get("/actuator/health/readiness").json().has("components"))
                .isFalse();
    }

    @Test
    void anAdministratorSeesWhatReadinessIsMadeOf() {
        JsonNode readiness = as("admin").get("/actuator/health/readiness").ok();
        assertThat(readiness.get("status").asText()).isEqualTo("UP");
        JsonNode parts = readiness.get("components");
        assertThat(parts.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("readinessState", "db", "engine", "jobExecutor", "smtp");
        parts.forEach(part -> assertThat(part.get("status").asText()).isEqualTo("UP"));
        assertThat(parts.at("/engine/details/issuanceProcessVersions").asLong()).isPositive();
        assertThat(parts.at("/jobExecutor/details/active").asBoolean()).isTrue();
        assertThat(parts.at("/smtp/details/server").asText())
                .isEqualTo("127.0.0.1:" + mailServer.getSmtp().getPort());
        // liveness never depends on the database or the mail server: a restart would not fix them
        assertThat(as("admin")
                        .get("/actuator/health/liveness")
                        .ok()
                        .get("components")
                        .fieldNames())
                .toIterable()
                .containsExactly("livenessState");
    }

    @Test
    void aScrapeNamesDocumentsEmailsAndSignToInbox() throws Exception {
        String domain = Drafts.uniqueDomain();
        String before = scrape();
        flow.issue(Drafts.invitation("Đo lường " + domain, domain, 3));
        Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        // the SENT mark and the counter follow the server's acceptance within moments
        double sentBefore = value(before, "vanthu_emails_sent_total\\{application=\"vanthu\",kind=\"ISSUE\"\\}");
        String after = await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        this::scrape,
                        s -> value(s, "vanthu_emails_sent_total\\{application=\"vanthu\",kind=\"ISSUE\"\\}")
                                >= sentBefore + 3);
        assertThat(value(after, "vanthu_documents_issued_total\\{application=\"vanthu\"\\}"))
                .isGreaterThanOrEqualTo(value(before, "vanthu_documents_issued_total\\{application=\"vanthu\"\\}") + 1);
        assertThat(value(after, "vanthu_emails_sent_total\\{application=\"vanthu\",kind=\"ISSUE\"\\}"))
                .isGreaterThanOrEqualTo(
                        value(before, "vanthu_emails_sent_total\\{application=\"vanthu\",kind=\"ISSUE\"\\}") + 3);
        assertThat(value(after, "vanthu_sign_to_inbox_seconds_count\\{application=\"vanthu\"\\}"))
                .isGreaterThanOrEqualTo(
                        value(before, "vanthu_sign_to_inbox_seconds_count\\{application=\"vanthu\"\\}") + 3);
        assertThat(after)
                .contains(
                        "vanthu_documents{application=\"vanthu\",status=\"ISSUED\"}",
                        "vanthu_emails{application=\"vanthu\",state=\"PENDING\"}",
                        "vanthu_emails_failed_total{",
                        "vanthu_emails_retrying_total{",
                        "vanthu_incidents_open{",
                        "vanthu_jobs_backlog{",
                        "vanthu_sign_to_inbox_seconds_bucket{");
    }

    @Test
    void theScrapeIsNotPublic() {
        assertThat(anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(as("vanthu").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(anonymous().get("/actuator/health/db").status()).isEqualTo(401);
    }

    private String scrape() {
        Api.Response response = as("admin").get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
