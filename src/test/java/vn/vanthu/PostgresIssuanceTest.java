package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import vn.vanthu.numbering.NumberAllocator;
import vn.vanthu.support.Api;
import vn.vanthu.support.ConcurrentAllocations;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.LocalPostgres;
import vn.vanthu.support.Mailbox;

/**
 * The database production runs on: the whole application on a real PostgreSQL server (started
 * for the test from the installed binaries; skipped where PostgreSQL is not installed). Flyway's
 * scripts, Camunda's schema, the row lock behind numbering and the issue flow must all work there
 * as they do on H2.
 */
@EnabledIf("postgresInstalled")
// closed after this class: no other test shares its context, and left to the JVM's exit it would
// close concurrently with the PostgreSQL server's stop hook, its job executor retrying against a
// stopped server until Surefire kills the fork (30 s)
@DirtiesContext
class PostgresIssuanceTest extends IntegrationTest {

    static boolean postgresInstalled() {
        return LocalPostgres.serverBinaries().isPresent();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        String url = LocalPostgres.shared()
                .orElseThrow()
                .createDatabase("vanthu_"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "vanthu");
        registry.add("spring.datasource.password", () -> "");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NumberAllocator allocator;

    @Autowired
    PlatformTransactionManager transactions;

    final Flow flow = new Flow(this);

    @Test
    void anInvitationIsIssuedSignedAndEmailedOnPostgres() throws Exception {
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isGreaterThanOrEqualTo(3);

        String domain = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Hội nghị trên PostgreSQL", domain, 3));
        long id = issued.get("id").asLong();
        assertThat(issued.get("number").asText()).matches("\\d{2,}-GM/ĐUK");

        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        assertThat(mails)
                .extracting(Mailbox::recipient)
                .containsExactlyInAnyOrder("nguoi1@" + domain, "nguoi2@" + domain, "nguoi3@" + domain);
        assertThat(mails)
                .allSatisfy(m -> assertThat(m.getSubject())
                        .isEqualTo("[" + issued.get("number").asText() + "] Giấy mời Hội nghị trên PostgreSQL"));

        Api.Response pdf = as("vanthu").get("/api/documents/" + id + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        JsonNode check = anonymous()
                .postRaw("/api/public/verify", "application/octet-stream", pdf.body())
                .json();
        assertThat(check.path("valid").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.path("document").path("number").asText())
                .isEqualTo(issued.get("number").asText());

        int year = OffsetDateTime.parse(issued.get("issuedAt").asText()).getYear();
        JsonNode register =
                as("vanthu").get("/api/register?type=GM&year=" + year).json();
        assertThat(register.toString()).contains(issued.get("number").asText());
    }

    @Test
    void concurrentNumberingOnPostgresHasNoDuplicateAndNoGap() throws Exception {
        LocalDate day = LocalDate.of(2098, 5, 4); // a year nothing else issues in
        ConcurrentAllocations.Result result = ConcurrentAllocations.run(allocator, transactions, day, 8, 10, 5);
        assertThat(result.rolledBack()).isEqualTo(16);
        assertThat(result.committed())
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 64).boxed().toList());
    }
}
