package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.DocumentService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Routes;

/**
 * bpmn/routes/consultation.bpmn with the real consultation and remindConsultees beans: every
 * consultee at once, a reminder to those who have not answered, a deadline that goes on with the
 * opinions given, then review, signature and the tail.
 */
@Deployment(resources = {"bpmn/routes/consultation.bpmn", "bpmn/document-issuing.bpmn"})
class ConsultationProcessTest extends ProcessTestSupport {

    @RegisterExtension
    static ProcessEngineExtension extension = engineExtension();

    final DocumentService documents = mock(DocumentService.class);
    final StepNotices notices = mock(StepNotices.class);

    @BeforeEach
    void consultationBeans() {
        ClockUtil.setCurrentTime(new Date());
        Mocks.register(
                "consultation",
                new Consultation(documents, new Consultation.Settings(Duration.ofDays(1), Duration.ofDays(3))));
        Mocks.register("remindConsultees", new RemindConsultees(processEngine.getTaskService(), notices));
    }

    ProcessInstance consulting(String... consultees) {
        when(documents.consultees(42L)).thenReturn(List.of(consultees));
        return submit(Routes.CONSULTATION);
    }

    Map<String, Task> openConsultTasks(ProcessInstance pi) {
        return taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(Elements.CONSULT).list().stream()
                .collect(Collectors.toMap(Task::getAssignee, t -> t));
    }

    /** A consultee gives an opinion; the answer leaves in its own job (asyncAfter). */
    void answer(ProcessInstance pi, String consultee) {
        complete(
                openConsultTasks(pi).get(consultee), decide(Kind.CONSULT, Decision.OPINION, "Ý kiến của " + consultee));
        jobQuery().processInstanceId(pi.getId()).messages().list().forEach(j -> execute(j));
    }

    Job timer(String activityId) {
        return jobQuery().timers().activityId(activityId).singleResult();
    }

    @Test
    void everyConsulteeGetsATaskAtOnceAndWhenAllHaveAnsweredTheOfficeReviews() {
        ProcessInstance pi = consulting("a", "b", "c");
        assertThat(pi).isWaitingAt(Elements.CONSULT);
        Map<String, Task> open = openConsultTasks(pi);
        assertThat(open).containsOnlyKeys("a", "b", "c");
        open.values().forEach(t -> assertThat(t.getDueDate()).isNotNull());

        answer(pi, "a");
        answer(pi, "b");
        assertThat(pi).isWaitingAt(Elements.CONSULT);
        answer(pi, "c");
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        assertThat(task(pi)).hasCandidateGroup(Groups.REVIEWERS);
        // both timers went with the consultation
        assertThat(jobQuery().timers().count()).isZero();
        // each opinion is in the document's history for the reviewers to read
        verify(history).record(eq(42L), anyString(), eq(Decision.OPINION.event()), eq("Ý kiến của c"));

        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        issueAndSend(pi);
        assertThat(pi).isEnded().hasPassed(Elements.ISSUED);
    }

    @Test
    void thoseWhoHaveNotAnsweredAreRemindedAndTheirTasksStay() {
        ProcessInstance pi = consulting("a", "b", "c");
        answer(pi, "a");
        Job reminder = timer(Elements.CONSULT_REMINDER_DUE);
        assertThat(reminder.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime())
                .isBetween(
                        Duration.ofDays(1).toMillis() - 5_000,
                        Duration.ofDays(1).toMillis() + 5_000);
        ClockUtil.setCurrentTime(new Date(reminder.getDuedate().getTime() + 1_000));
        execute(reminder);
        execute(jobQuery().activityId(Elements.REMIND_CONSULTEES).singleResult());

        Map<String, Task> open = openConsultTasks(pi);
        verify(notices)
                .remind(
                        eq(42L),
                        eq(Map.of("b", open.get("b").getId(), "c", open.get("c").getId())),
                        anyString());
        assertThat(open).containsOnlyKeys("b", "c");
        assertThat(pi).isWaitingAt(Elements.CONSULT).hasPassed(Elements.REMIND_CONSULTEES);
        answer(pi, "b");
        answer(pi, "c");
        assertThat(pi).isWaitingAt(Elements.REVIEW);
    }

    @Test
    void atTheDeadlineTheRouteGoesOnWithTheOpinionsGiven() {
        ProcessInstance pi = consulting("a", "b", "c");
        answer(pi, "b");
        Job deadline = timer(Elements.CONSULTATION_CLOSED);
        assertThat(deadline.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime())
                .isBetween(
                        Duration.ofDays(3).toMillis() - 5_000,
                        Duration.ofDays(3).toMillis() + 5_000);
        ClockUtil.setCurrentTime(new Date(deadline.getDuedate().getTime() + 1_000));
        execute(deadline);

        assertThat(pi).hasPassed(Elements.CONSULTATION_CLOSED).isWaitingAt(Elements.REVIEW);
        assertThat(openConsultTasks(pi)).isEmpty();
        verify(history).record(eq(42L), anyString(), eq(Decision.OPINION.event()), eq("Ý kiến của b"));
    }

    @Test
    void withNobodyToConsultTheDraftGoesStraightToReview() {
        ProcessInstance pi = consulting();
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        assertThat(jobQuery().timers().count()).isZero();
        assertThat(status.statuses).containsExactly("IN_REVIEW");
    }

    @Test
    void aReturnedDraftGoesBackToReviewNotToTheConsultees() {
        ProcessInstance pi = consulting();
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Tiếp thu ý kiến góp ý."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(pi), decide(Kind.SIGN, Decision.REJECT, "Không ban hành."));
        assertThat(pi).isEnded().hasPassed(Elements.REJECTED);
    }
}
