package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * The issue step checks its own preconditions, whatever reached it: a process started (or moved)
 * straight to "issue" issues nothing and says why in the history. And a double click on "sign"
 * signs once.
 */
class IssueGuardTest extends IntegrationTest {

    @Autowired
    RuntimeService runtime;

    @Autowired
    DocumentIssuer issuer;

    @Autowired
    org.camunda.bpm.engine.HistoryService history;

    final Flow flow = new Flow(this);

    @Test
    void aDocumentItsSignerNeverSignedIsNotIssuedWhateverStartsTheIssueStep() {
        long id = flow.create(Drafts.invitation("Chưa ai ký " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);

        // what Camunda's process instance modification would run: the issue step, with no signature
        assertThatThrownBy(() -> issuer.issue(id))
                .isInstanceOf(DocumentIssuer.IssueRefusedException.class)
                .hasMessageContaining("bithu");
        // the document's own process, checked before issuing: back to the signer, with the reason
        JsonNode waiting = flow.document(id);
        String own = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(id))
                .singleResult()
                .getId();
        assertThat(issuer.refusal(id, own)).hasValueSatisfying(r -> {
            assertThat(r.documentsOwnProcess()).isTrue();
            assertThat(r.reason()).contains("chưa quyết định ký");
        });
        // a second route started at its call of documentIssuing in the engine (no REST guard in
        // between here): it is not the document's own, so it ends at "notIssued" and changes nothing
        var started = runtime.createProcessInstanceByKey(DocumentIssuanceProcess.KEY)
                .businessKey(String.valueOf(id))
                .startBeforeActivity(DocumentIssuanceProcess.Elements.ISSUING)
                .setVariables(DocumentIssuanceProcess.Variables.atSubmit(id, "chuyenvien", "bithu"))
                .execute();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> runtime.createProcessInstanceQuery()
                                .processInstanceId(started.getId())
                                .count()
                        == 0);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(started.getId())
                        .activityId(DocumentIssuanceProcess.Elements.NOT_ISSUED)
                        .count())
                .isOne();
        JsonNode document = flow.document(id);
        assertThat(document.get("status").asText()).isEqualTo(DocumentStatus.AWAITING_SIGNATURE.name());
        assertThat(document.get("number").isNull()).isTrue();
        List<String> refusals = new ArrayList<>();
        document.get("history").forEach(h -> {
            if (DocumentIssuer.ISSUE_REFUSED.equals(h.get("action").asText())) {
                refusals.add(h.get("comment").asText());
            }
        });
        // once per reason, however often it is checked
        assertThat(refusals)
                .hasSize(2)
                .anySatisfy(r -> assertThat(r).contains("chưa quyết định ký"))
                .anySatisfy(r -> assertThat(r).contains("không phải quy trình của văn bản"));
        // the signer still holds it and signs it as usual
        assertThat(flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null)
                        .get("status")
                        .asText())
                .isEqualTo(DocumentStatus.ISSUED.name());
        assertThat(anonymous().get("/api/public/notices").text()).contains("Chưa ai ký"); // issued once, properly
    }

    @Test
    void aDoubleClickOnSignSignsOnceAndTheSecondGets409() throws Exception {
        long id = flow.create(Drafts.invitation("Bấm ký hai lần " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        String task = flow.taskOf("bithu", id, Kind.SIGN);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Api.Response> click = () -> flow.decide("bithu", task, Decision.SIGN, null);
            Future<Api.Response> first = pool.submit(click);
            Future<Api.Response> second = pool.submit(click);
            List<Integer> statuses = List.of(first.get().status(), second.get().status());
            assertThat(statuses).as(first.get() + " / " + second.get()).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        JsonNode document = flow.document(id);
        assertThat(document.get("status").asText()).isEqualTo(DocumentStatus.ISSUED.name());
        List<String> signed = new ArrayList<>();
        document.get("history").forEach(h -> {
            if (Decision.SIGN.event().equals(h.get("action").asText())) {
                signed.add(h.get("actor").asText());
            }
        });
        assertThat(signed).containsExactly("bithu");
    }
}
