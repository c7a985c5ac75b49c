package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Whatever makes the issue step fail, the signed document comes back to a person: after the job's
 * last attempt the clerks hold it with the error, nothing of the failed attempts is kept (no number,
 * no register line, no email), and "Ban hành lại" issues it with the next number once the fault is
 * mended. The fault here is a real one the database raises: a stray signed file already stored
 * under the document's id (as a restore gone wrong would leave), which the issue step cannot insert over.
 */
class IssueFailureTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ManagementService management;

    @Autowired
    RuntimeService runtime;

    final Flow flow = new Flow(this);

    @Test
    void aDocumentThatCannotBeIssuedGoesToTheClerksAndIsIssuedAgainWithTheNextNumber() {
        String domain = Drafts.uniqueDomain();
        int before = seq(flow.issue(Drafts.invitation("Trước lỗi " + domain, domain, 1))
                .get("number")
                .asText());

        long id = flow.create(Drafts.invitation("Ban hành lỗi " + domain, domain, 2));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        jdbc.update("insert into issued_file (document_id, sha256, content) values (?, 'stray', X'00')", id);
        Api.Response signed = flow.decide("bithu", flow.taskOf("bithu", id, Kind.SIGN), Decision.SIGN, null);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);

        // the retry cycle waits a minute between attempts: the test runs the remaining ones itself
        // the route's instance (the document's process); issuing runs in the documentIssuing it calls
        String process = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(id))
                .rootProcessInstances()
                .singleResult()
                .getId();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failedOnce(process));
        for (Job job = issueJob(process); job != null; job = issueJob(process)) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException expected) {
                // the engine counts the attempt down
            }
        }
        String issuing = runtime.createProcessInstanceQuery()
                .superProcessInstanceId(process)
                .singleResult()
                .getId();
        assertThat(runtime.createIncidentQuery().processInstanceId(issuing).count())
                .isZero();

        JsonNode failed = flow.document(id);
        assertThat(failed.get("status").asText()).isEqualTo(DocumentStatus.ISSUE_FAILED.name());
        assertThat(failed.get("number").isNull()).isTrue();
        assertThat(actions(failed)).containsOnlyOnce(DocumentIssuer.ISSUE_FAILED);
        assertThat(failed.toString()).contains("DuplicateKeyException");
        assertThat(jdbc.queryForObject("select count(*) from delivery where document_id = ?", Integer.class, id))
                .isZero();

        // the clerks hold it, on their task list and page; nobody else may decide it
        String task = flow.taskOf("vanthu", id, Kind.RESOLVE_ISSUE_FAILURE);
        Api.Response page = as("vanthu").get("/viec/" + task);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Xử lý lỗi ban hành", "DuplicateKeyException", "Ban hành lại");
        assertThat(flow.decide("chuyenvien", task, Decision.RETRY_ISSUE, null).status())
                .isEqualTo(403);
        assertThat(flow.decide("bithu", task, Decision.RETRY_ISSUE, null).status())
                .isEqualTo(403);
        assertThat(flow.decide("vanthu", task, Decision.SIGN, null).status()).isEqualTo(400);

        // the administrator removes the stray file; the clerk issues it again
        jdbc.update("delete from issued_file where document_id = ? and sha256 = 'stray'", id);
        Api.Response retried = flow.decide("vanthu", task, Decision.RETRY_ISSUE, null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> DocumentStatus.ISSUED
                        .name()
                        .equals(flow.document(id).get("status").asText()));
        JsonNode issued = flow.document(id);
        // no number was spent on the failed attempts
        assertThat(seq(issued.get("number").asText())).isEqualTo(before + 1);
        assertThat(actions(issued))
                .containsSubsequence(DocumentIssuer.ISSUE_FAILED, Decision.RETRY_ISSUE.event(), "ISSUED");
        assertThat(anonymous().get("/api/public/notices").text()).contains("Ban hành lỗi " + domain);
    }

    boolean failedOnce(String process) {
        Job job = issueJob(process);
        return job != null && job.getExceptionMessage() != null;
    }

    Job issueJob(String process) {
        // documentIssuing's, called by the route (a failed job keeps no root process instance id)
        return runtime.createProcessInstanceQuery().rootProcessInstanceId(process).list().stream()
                .map(instance -> management
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(DocumentIssuanceProcess.Elements.ISSUE)
                        .singleResult())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    static List<String> actions(JsonNode document) {
        List<String> actions = new ArrayList<>();
        document.get("history").forEach(h -> actions.add(h.get("action").asText()));
        return actions;
    }

    static int seq(String number) {
        return Integer.parseInt(number.substring(0, number.indexOf('-')));
    }
}
