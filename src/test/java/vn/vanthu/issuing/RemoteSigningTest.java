package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.directory.Directory;
import vn.vanthu.signing.PdfVerification;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Signers;
import vn.vanthu.support.SimulatedSigningService;
import vn.vanthu.support.SimulatedSigningService.Script;
import vn.vanthu.web.FormSession;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A leader signs through a remote signing service (docs/remote-signing.md), simulated on localhost
 * and playing his phone with his demo key. The shared context names that leader
 * ({@link IntegrationTest#REMOTE_SIGNER}) and the service ({@link IntegrationTest#PHONE}); this class
 * makes the leader, a signer as bithu is, whom no other test uses.
 */
class RemoteSigningTest extends IntegrationTest {

    static final String LEADER = REMOTE_SIGNER;

    @Autowired
    IdentityService identity;

    @Autowired
    Directory directory;

    @Autowired
    SigningKeys keys;

    @Autowired
    PdfVerification verification;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RemoteLeaderSignature remoteSignature;

    @Autowired
    PlatformTransactionManager transactions;

    final Flow flow = new Flow(this);

    @BeforeEach
    void theRemoteLeaderAndTheirPhone() {
        synchronized (RemoteSigningTest.class) {
            if (identity.createUserQuery().userId(LEADER).count() == 0) {
                Signers.create(identity, directory, LEADER, "Trần Văn", "Xa", "Phó Bí thư");
                keys.ensureDemoSigner(LEADER, "Trần Văn Xa");
            }
        }
        // the phone's key is the demo leader's own, opened with his PIN: only the phone can sign
        PHONE.phoneKey(() -> keys.signer(LEADER, "demo".toCharArray()));
    }

    long awaitingSignature(String title) {
        Map<String, Object> draft = new LinkedHashMap<>(Drafts.invitation(title, Drafts.uniqueDomain(), 2));
        draft.put("signer", LEADER);
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        return id;
    }

    /** The leader chooses "sign" (no PIN: the phone is asked); returns the answer's JSON. */
    JsonNode signOnThePhone(long id) {
        Api.Response response = flow.decide(LEADER, flow.taskOf(LEADER, id, Kind.SIGN), Decision.SIGN, null, null);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    String status(long id) {
        return flow.document(id).get("status").asText();
    }

    List<JsonNode> history(long id, String action) {
        List<JsonNode> found = new ArrayList<>();
        flow.document(id).get("history").forEach(e -> {
            if (e.get("action").asText().equals(action)) {
                found.add(e);
            }
        });
        return found;
    }

    void awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(id).equals(status));
    }

    void assertBackAtTheSignTask(long id, String why) {
        awaitStatus(id, "AWAITING_SIGNATURE");
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(
                        () -> assertThat(flow.taskOf(LEADER, id, Kind.SIGN)).isNotBlank());
        List<JsonNode> ended = history(id, RemoteLeaderSignature.ENDED);
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).get("comment").asText()).contains(why);
        assertThat(history(id, Decision.SIGN.event())).isEmpty();
        assertThat(flow.document(id).get("number").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from signed_draft where document_id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void approvedOnThePhoneTheDocumentIsIssuedWithBothSignaturesValid() {
        long id = awaitingSignature("Ký từ xa: đồng ý");
        FormSession leader = new FormSession(port);
        leader.signIn(LEADER);
        String signPage =
                leader.get("/viec/" + flow.taskOf(LEADER, id, Kind.SIGN)).body();
        assertThat(signPage).contains("remote-signing-note").doesNotContain("id=\"pin\"");
        PHONE.approveAfter(2);
        long clicked = System.nanoTime();
        JsonNode waiting = signOnThePhone(id);
        long answered = System.nanoTime();

        // the call returns at once: the document waits for the phone, and says so
        assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_REMOTE_SIGNATURE");
        assertThat(history(id, RemoteLeaderSignature.REQUESTED)).hasSize(1);
        assertThat(history(id, Decision.SIGN.event()))
                .as("SIGNED only once the signature is here")
                .isEmpty();
        SimulatedSigningService.Request request = PHONE.last();
        assertThat(request.userId).isEqualTo(LEADER);
        assertThat(request.documentName).isEqualTo("Ký từ xa: đồng ý");
        assertThat(request.digest).hasSize(32);
        assertThat(leader.get("/").body()).contains("Chờ xác nhận ký trên thiết bị", "Ký từ xa: đồng ý");
        assertThat(leader.get("/van-ban/" + id).body()).contains("Chờ xác nhận ký trên thiết bị", "Hủy yêu cầu ký");

        awaitStatus(id, "ISSUED");
        long issued = System.nanoTime();
        JsonNode document = flow.document(id);
        assertThat(document.get("number").asText()).matches("\\d{2,}-GM/ĐUK");
        List<JsonNode> signed = history(id, Decision.SIGN.event());
        assertThat(signed).hasSize(1);
        assertThat(signed.get(0).get("actor").asText()).isEqualTo(LEADER);
        assertThat(request.polls.get()).isGreaterThanOrEqualTo(2);

        byte[] pdf = as("vanthu").get("/api/documents/" + id + "/pdf").body();
        PdfVerification.Result result = verification.verify(pdf);
        assertThat(result.valid()).as(result.reason()).isTrue();
        assertThat(result.signatures())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.indication()).isEqualTo("TOTAL_PASSED"));
        assertThat(result.signatures().get(0).signer())
                .contains(keys.signerCertificate(LEADER)
                        .getSubjectX500Principal()
                        .getName()
                        .replaceAll(".*CN=([^,]+).*", "$1"));

        System.out.printf(
                "Remote signature round trip: sign call %d ms; approval on the phone → issued %d ms;"
                        + " sign call → issued %d ms (%d polls)%n",
                (answered - clicked) / 1_000_000,
                (issued - request.firstApprovedNanos) / 1_000_000,
                (issued - clicked) / 1_000_000,
                request.polls.get());
    }

    @Test
    void deniedOnThePhoneTheTaskReturnsToTheLeader() {
        long id = awaitingSignature("Ký từ xa: từ chối");
        PHONE.script(Script.DENY);
        signOnThePhone(id);
        assertBackAtTheSignTask(id, "từ chối");
    }

    @Test
    void noAnswerInTimeTheRequestIsWithdrawnAndTheTaskReturns() {
        long id = awaitingSignature("Ký từ xa: không trả lời");
        PHONE.script(Script.NEVER);
        long start = System.nanoTime();
        signOnThePhone(id);
        assertBackAtTheSignTask(id, "Hết thời gian");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(3000);
        assertThat(PHONE.last().cancelled).as("withdrawn at the service").isTrue();
    }

    @Test
    void aServiceThatStaysDownIsRetriedThenTheLeaderIsTold() {
        long id = awaitingSignature("Ký từ xa: dịch vụ lỗi");
        PHONE.script(Script.DOWN);
        signOnThePhone(id);
        assertBackAtTheSignTask(id, "không phản hồi sau");
        int polls = PHONE.last().polls.get();
        // the first poll and two retries; on a very slow machine the timeout may come after the second
        assertThat(polls).isBetween(2, 3);
        assertThat(history(id, RemoteLeaderSignature.ENDED)
                        .get(0)
                        .get("comment")
                        .asText())
                .contains("không phản hồi sau " + polls + " lần thử");
    }

    @Test
    void aSecondApprovedAnswerSignsNothingMore() throws Exception {
        long id = awaitingSignature("Ký từ xa: trả lời hai lần");
        PHONE.approveAfter(1);
        signOnThePhone(id);
        // two more polls at the same moment as the engine's own: each may get APPROVED
        TransactionTemplate inOwnTransaction = new TransactionTemplate(transactions);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        try {
            List<Future<RemoteLeaderSignature.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(pollers.submit(() -> {
                    together.await();
                    return inOwnTransaction.execute(s -> remoteSignature.poll(id));
                }));
            }
            for (Future<RemoteLeaderSignature.Outcome> outcome : outcomes) {
                assertThat(outcome.get().kind()).isEqualTo(RemoteLeaderSignature.Outcome.Kind.SIGNED);
            }
        } finally {
            pollers.shutdownNow();
        }
        awaitStatus(id, "ISSUED");
        assertThat(PHONE.last().approvedAnswers.get()).isGreaterThanOrEqualTo(2);
        assertThat(history(id, Decision.SIGN.event())).hasSize(1);
        assertThat(history(id, "ISSUED")).hasSize(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_register where document_id = ?", Integer.class, id))
                .isEqualTo(1);
        assertThat(verification
                        .verify(as("vanthu")
                                .get("/api/documents/" + id + "/pdf")
                                .body())
                        .valid())
                .isTrue();
    }

    @Test
    void theLeaderCancelsTheWaitAndSignsAgainLater() {
        long id = awaitingSignature("Ký từ xa: hủy");
        PHONE.script(Script.NEVER);
        signOnThePhone(id);
        // only the document's own signer cancels, and only while it waits
        assertThat(as("phobithu")
                        .post("/api/documents/" + id + "/remote-signature/cancel", Map.of())
                        .status())
                .isEqualTo(403);
        Api.Response cancelled = as(LEADER).post("/api/documents/" + id + "/remote-signature/cancel", Map.of());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertBackAtTheSignTask(id, "hủy");
        assertThat(PHONE.last().cancelled).isTrue();
        assertThat(as(LEADER)
                        .post("/api/documents/" + id + "/remote-signature/cancel", Map.of())
                        .status())
                .isEqualTo(409);

        // a second request for the same version, approved this time
        PHONE.approveAfter(1);
        signOnThePhone(id);
        awaitStatus(id, "ISSUED");
        assertThat(history(id, Decision.SIGN.event())).hasSize(1);
    }
}
