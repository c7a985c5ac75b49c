package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Camunda's own APIs are no way around Văn thư's rules: as admin (camunda-admin) over /engine-rest and
 * through the webapps' session, a document waiting for its signature cannot be signed, moved to issuing,
 * reassigned, and nobody's password or name is changed; reading and job retries still work.
 */
class CamundaApiGuardTest extends IntegrationTest {

    @Autowired
    TaskService tasks;

    @Autowired
    IdentityService identity;

    @Autowired
    ProcessEngine engine;

    /** Our engine and webapps in Camunda's JVM-wide registries, which other test classes' contexts overwrite. */
    @BeforeEach
    void ourEngineServesTheRestApi() {
        CamundaStatics.restore(engine);
    }

    final Flow flow = new Flow(this);

    /** A document in AWAITING_SIGNATURE (bithu signs) and its sign task, found through /engine-rest as Cockpit would. */
    record Waiting(long documentId, String taskId, String processInstanceId) {}

    Waiting awaitingSignature() {
        long id = flow.create(Drafts.invitation("Qua cửa Camunda", Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        Api.Response found =
                as("admin").get("/engine-rest/task?processInstanceBusinessKey=" + id + "&taskDefinitionKey=sign");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        JsonNode task = found.json().get(0);
        return new Waiting(
                id, task.get("id").asText(), task.get("processInstanceId").asText());
    }

    void assertUntouched(Waiting waiting) {
        JsonNode document = flow.document(waiting.documentId());
        assertThat(document.get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        assertThat(document.get("number").isNull()).isTrue();
        assertThat(tasks.createTaskQuery()
                        .taskId(waiting.taskId())
                        .singleResult()
                        .getAssignee())
                .isEqualTo("bithu");
        assertThat(tasks.createTaskQuery()
                        .processInstanceBusinessKey(String.valueOf(waiting.documentId()))
                        .count())
                .isEqualTo(1);
    }

    static void assertRefused(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).isNotBlank();
    }

    @Test
    void theEngineRestApiCannotSignMoveOrReassignADocument() {
        Waiting waiting = awaitingSignature();
        Api admin = as("admin");
        String task = "/engine-rest/task/" + waiting.taskId();
        assertRefused(admin.post(
                task + "/complete", Map.of("variables", Map.of("signDecision", Map.of("value", "sign")))));
        assertRefused(admin.post("/engine-rest/engine/default/task/" + waiting.taskId() + "/complete", Map.of()));
        assertRefused(admin.post(task + "/submit-form", Map.of()));
        assertRefused(admin.put(task + "/assignee", Map.of("userId", "admin")));
        assertRefused(admin.post(task + "/assignee", Map.of("userId", "admin")));
        assertRefused(admin.post(task + "/claim", Map.of("userId", "admin")));
        assertRefused(admin.post(task + "/delegate", Map.of("userId", "admin")));
        assertRefused(admin.post(
                "/engine-rest/process-instance/" + waiting.processInstanceId() + "/modification",
                Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "issue")))));
        assertRefused(admin.post(
                "/engine-rest/process-definition/key/documentIssuance/start",
                Map.of(
                        "businessKey",
                        String.valueOf(waiting.documentId()),
                        "startInstructions",
                        List.of(Map.of("type", "startBeforeActivity", "activityId", "issue")))));
        assertRefused(admin.put(
                "/engine-rest/process-instance/" + waiting.processInstanceId() + "/variables/signer",
                Map.of("value", "admin")));
        assertRefused(admin.post("/engine-rest/message", Map.of("messageName", "x")));
        assertRefused(admin.withHeader("X-HTTP-Method-Override", "GET").post(task + "/complete", Map.of()));
        // odd spellings of a path: Spring Security's firewall (400) or the guard (403) stops them
        assertThat(admin.post("/engine-rest/task;x=1/" + waiting.taskId() + "/complete", Map.of())
                        .status())
                .isIn(400, 403);
        assertThat(admin.put("/engine-rest/job/%2E%2E/task/" + waiting.taskId() + "/retries", Map.of("retries", 1))
                        .status())
                .isIn(400, 403);
        assertUntouched(waiting);

        // what operators need still works
        Api.Response list = admin.get("/engine-rest/task");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text()).contains(waiting.taskId());
        assertThat(admin.post(
                                "/engine-rest/task",
                                Map.of("processInstanceBusinessKey", String.valueOf(waiting.documentId())))
                        .ok()
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo(waiting.taskId());
        assertThat(admin.post("/engine-rest/task/count", Map.of())
                        .ok()
                        .get("count")
                        .asLong())
                .isPositive();
        // the signer's reminder timer is a job of this process instance
        JsonNode jobs = admin.get("/engine-rest/job?processInstanceId=" + waiting.processInstanceId())
                .ok();
        assertThat(jobs.size()).isPositive();
        String job = jobs.get(0).get("id").asText();
        Api.Response retries = admin.put("/engine-rest/job/" + job + "/retries", Map.of("retries", 3));
        assertThat(retries.status()).as(retries.toString()).isEqualTo(204);
        Api.Response asyncRetries =
                admin.post("/engine-rest/job/retries", Map.of("jobIds", List.of(job), "retries", 3));
        assertThat(asyncRetries.status()).as(asyncRetries.toString()).isEqualTo(200);
        assertUntouched(waiting);
    }

    @Test
    void passwordsNamesAndLeadersGroupsAreNotChangedThroughEngineRest() {
        Api admin = as("admin");
        assertRefused(admin.put(
                "/engine-rest/user/bithu/credentials",
                Map.of("password", "doi-mat-khau-123", "authenticatedUserPassword", "demo")));
        assertRefused(admin.put(
                "/engine-rest/user/admin/profile",
                Map.of("id", "admin", "firstName", "Tên", "lastName", "Khác", "email", "admin@vanthu.local")));
        assertRefused(admin.put(
                "/engine-rest/user/bithu/profile",
                Map.of("id", "bithu", "firstName", "Tên", "lastName", "Khác", "email", "bithu@vanthu.local")));
        assertRefused(admin.put("/engine-rest/group/signers/members/chuyenvien", Map.of()));
        assertRefused(admin.put("/engine-rest/group/reviewers/members/chuyenvien", Map.of()));
        assertRefused(admin.delete("/engine-rest/group/camunda-admin/members/admin"));
        assertRefused(admin.post("/engine-rest/identity/verify", Map.of("username", "bithu", "password", "x")));
        assertRefused(admin.post(
                "/camunda/api/admin/setup/default/user/create",
                Map.of("profile", Map.of("id", "ke-chiem"), "credentials", Map.of("password", "x"))));
        assertThat(identity.checkPassword("bithu", "demo")).isTrue();
        assertThat(identity.createUserQuery().userId("bithu").singleResult().getFirstName())
                .isEqualTo("Nguyễn Văn");
        assertThat(identity.createUserQuery()
                        .memberOfGroup("signers")
                        .userId("chuyenvien")
                        .count())
                .isZero();

        // one's own password (Camunda checks the current one), a new user, a drafter joining and leaving
        Api.Response own = admin.put(
                "/engine-rest/user/admin/credentials", Map.of("password", "demo", "authenticatedUserPassword", "demo"));
        assertThat(own.status()).as(own.toString()).isEqualTo(204);
        String id = "cv" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = admin.post(
                "/engine-rest/user/create",
                Map.of(
                        "profile",
                                Map.of(
                                        "id",
                                        id,
                                        "firstName",
                                        "Chuyên viên",
                                        "lastName",
                                        "Mới",
                                        "email",
                                        id + "@vanthu.local"),
                        "credentials", Map.of("password", "mat-khau-dai-du")));
        assertThat(created.status()).as(created.toString()).isEqualTo(204);
        assertThat(admin.put("/engine-rest/group/drafters/members/" + id, Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(identity.createUserQuery()
                        .memberOfGroup("drafters")
                        .userId(id)
                        .count())
                .isOne();
        assertThat(admin.delete("/engine-rest/group/drafters/members/" + id).status())
                .isEqualTo(204);
    }

    @Test
    void theWebappsSessionCannotSignOrRenameEither() {
        Waiting waiting = awaitingSignature();
        WebappSession cockpit = new WebappSession(port, null);
        Api.Response login = cockpit.login("admin", "demo");
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        String engine = "/camunda/api/engine/engine/default";

        assertThat(cockpit.get("/camunda/api/engine/engine/").status())
                .isEqualTo(200); // the webapps list engines first
        Api.Response list = cockpit.get(engine + "/task?processInstanceBusinessKey=" + waiting.documentId());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.text()).contains(waiting.taskId());
        Api.Response count = cockpit.post("/camunda/api/cockpit/plugin/base/default/process-instance/count", "{}");
        assertThat(count.status()).as(count.toString()).isEqualTo(200);

        assertRefused(cockpit.post(
                engine + "/task/" + waiting.taskId() + "/complete",
                "{\"variables\":{\"signDecision\":{\"value\":\"sign\"}}}"));
        assertRefused(cockpit.post(engine + "/task/" + waiting.taskId() + "/submit-form", "{}"));
        assertRefused(cockpit.post(
                engine + "/process-instance/" + waiting.processInstanceId() + "/modification",
                "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"issue\"}]}"));
        assertRefused(cockpit.put(engine + "/user/admin/profile", "{\"id\":\"admin\",\"firstName\":\"Tên khác\"}"));
        assertRefused(cockpit.put(
                engine + "/user/bithu/credentials", "{\"password\":\"x\",\"authenticatedUserPassword\":\"demo\"}"));
        assertRefused(cockpit.post("/camunda/api/tasklist/task/" + waiting.taskId() + "/submit-form", "{}"));
        assertUntouched(waiting);
    }
}
