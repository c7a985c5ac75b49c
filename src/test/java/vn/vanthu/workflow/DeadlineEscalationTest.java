package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Hạn xử lý over HTTP: a sign task past its due date is first in the signer's list and marked
 * overdue; the check emails the signer and the Chánh Văn phòng once, and the history says so.
 */
class DeadlineEscalationTest extends IntegrationTest {

    @Autowired
    DeadlineEscalation escalation;

    @Autowired
    TaskService tasks;

    final Flow flow = new Flow(this);

    @Test
    void anOverdueTaskIsListedFirstAndEscalatedOnceToItsHolderAndTheOfficeChief() throws Exception {
        String domain = Drafts.uniqueDomain();
        String title = "Hội nghị quá hạn xử lý " + domain;
        Map<String, Object> draft = Drafts.invitation(title, domain, 2);
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        String signer = (String) draft.get("signer");
        String taskId = flow.taskOf(signer, id, Kind.SIGN);

        Instant due = Instant.now().minus(Duration.ofHours(1));
        tasks.setDueDate(taskId, Date.from(due));

        Api.Response list = as(signer).get("/api/tasks");
        assertThat(list.status()).isEqualTo(200);
        JsonNode first = list.json().get(0);
        assertThat(first.get("id").asText()).as(list.text()).isEqualTo(taskId);
        assertThat(first.get("overdue").asBoolean()).isTrue();
        assertThat(Instant.parse(first.get("dueAt").asText()))
                .isCloseTo(due, org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.SECONDS));
        for (JsonNode other : list.json()) {
            if (!other.get("id").asText().equals(taskId) && !other.get("dueAt").isNull()) {
                assertThat(Instant.parse(other.get("dueAt").asText())).isAfterOrEqualTo(due);
            }
        }
        assertThat(as(signer).get("/").text()).contains("Quá hạn");

        escalation.check();
        List<MimeMessage> mails = escalations(title);
        assertThat(mails)
                .extracting(Mailbox::recipient)
                .containsExactlyInAnyOrder(signer + "@vanthu.local", "chanhvanphong@vanthu.local");
        for (MimeMessage mail : mails) {
            assertThat(Mailbox.subject(mail)).isEqualTo("[Quá hạn] Ký ban hành: " + title);
            String text = (String) mail.getContent();
            assertThat(text).contains(title).contains("/viec/" + taskId).contains("quá hạn xử lý (hạn ");
        }
        JsonNode history = flow.document(id).get("history");
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asText()));
        assertThat(actions).containsOnlyOnce(DeadlineEscalation.OVERDUE);

        // a second run, or the other node's: nothing more (check() has sent its emails when it returns)
        escalation.check();
        assertThat(escalations(title)).hasSize(2);
        List<String> again = new ArrayList<>();
        flow.document(id).get("history").forEach(h -> again.add(h.get("action").asText()));
        assertThat(again).containsOnlyOnce(DeadlineEscalation.OVERDUE);

        // a new due date is a new deadline: escalated again once it passes
        tasks.setDueDate(taskId, Date.from(Instant.now().minus(Duration.ofMinutes(30))));
        escalation.check();
        assertThat(escalations(title)).hasSize(4);
        List<String> third = new ArrayList<>();
        flow.document(id).get("history").forEach(h -> third.add(h.get("action").asText()));
        assertThat(third).filteredOn(DeadlineEscalation.OVERDUE::equals).hasSize(2);

        // the step notice, which shares the sending, still reached the signer when the step opened
        assertThat(Mailbox.to(mailServer, "vanthu.local"))
                .filteredOn(m -> Mailbox.subject(m).equals("[Việc cần làm] Văn bản chờ đồng chí ký ban hành: " + title))
                .extracting(Mailbox::recipient)
                .containsExactly(signer + "@vanthu.local");

        // the document page names the event in Vietnamese
        assertThat(as("vanthu").get("/van-ban/" + id).text()).contains("Quá hạn xử lý");
    }

    /** The escalation emails of this document so far: check() sends them (SMTP, synchronously) before it returns. */
    private List<MimeMessage> escalations(String title) {
        return Mailbox.to(mailServer, "vanthu.local").stream()
                .filter(m -> Mailbox.subject(m).startsWith("[Quá hạn]")
                        && Mailbox.subject(m).contains(title))
                .toList();
    }
}
