package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The list of what operators may do through Camunda's APIs, path by path (no Spring). */
class CamundaApiRulesTest {

    static final CamundaApiRules.Caller ADMIN = new CamundaApiRules.Caller("admin", Set.of("camunda-admin"));
    static final CamundaApiRules.Caller CLERK = new CamundaApiRules.Caller("vanthu", Set.of("clerks"));

    static boolean allowed(String method, String path, CamundaApiRules.Caller caller) {
        return CamundaApiRules.refusal(method, path, caller).isEmpty();
    }

    @Test
    void readingAndQueryingIsAllowedInBothPathForms() {
        for (String prefix :
                new String[] {"/engine-rest", "/engine-rest/engine/default", "/camunda/api/engine/engine/default"}) {
            assertThat(allowed("GET", prefix + "/task", ADMIN)).isTrue();
            assertThat(allowed("GET", prefix + "/process-instance/1/variables", ADMIN))
                    .isTrue();
            for (String query : new String[] {
                "/task",
                "/task/count",
                "/process-instance",
                "/process-instance/count",
                "/history/process-instance",
                "/history/task/count",
                "/history/activity-instance",
                "/job",
                "/job/count",
                "/variable-instance",
                "/execution",
                "/filter/f1/list",
                "/filter/f1/count"
            }) {
                assertThat(allowed("POST", prefix + query, ADMIN)).as(query).isTrue();
            }
        }
        assertThat(allowed("GET", "/camunda/api/engine/engine/", ADMIN)).isTrue();
        assertThat(allowed("GET", "/camunda/api/engine/engine", ADMIN)).isTrue();
        assertThat(allowed("POST", "/camunda/api/cockpit/plugin/base/default/process-instance/count", ADMIN))
                .isTrue();
        assertThat(allowed("POST", "/camunda/api/cockpit/plugin/base/default/incident", ADMIN))
                .isTrue();
        assertThat(allowed("GET", "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", ADMIN))
                .isTrue();
    }

    @Test
    void changingTheProcessIsRefusedInEveryPathForm() {
        for (String prefix :
                new String[] {"/engine-rest", "/engine-rest/engine/default", "/camunda/api/engine/engine/default"}) {
            for (String write : new String[] {
                "POST /task/t1/complete",
                "POST /task/t1/submit-form",
                "POST /task/t1/resolve",
                "POST /task/t1/claim",
                "POST /task/t1/unclaim",
                "POST /task/t1/assignee",
                "POST /task/t1/delegate",
                "PUT /task/t1/assignee",
                "POST /task/t1/identity-links",
                "POST /task/create",
                "PUT /task/t1",
                "POST /process-definition/key/documentIssuance/start",
                "POST /process-definition/key/documentIssuance/submit-form",
                "POST /process-definition/p1/start",
                "POST /message",
                "POST /signal",
                "POST /condition",
                "POST /process-instance/p1/modification",
                "PUT /process-instance/p1/variables/x",
                "POST /process-instance/p1/variables",
                "PUT /process-instance/p1/suspended",
                "DELETE /process-instance/p1",
                "POST /process-instance/delete",
                "POST /migration/execute",
                "POST /modification/execute",
                "POST /process-definition/p1/restart",
                "PUT /execution/e1/localVariables/x",
                "POST /deployment/create",
                "DELETE /deployment/d1",
                "PUT /user/bithu/credentials",
                "PUT /user/admin/profile",
                "PUT /user/vanthu/profile",
                "DELETE /user/bithu",
                "POST /history/process-instance/delete",
                "POST /external-task/fetchAndLock",
                "POST /identity/verify",
                "POST /authorization/create",
                "PUT /job/j1/suspended",
                "POST /process-instance/job-retries",
                "PUT /job-definition/jd1/retries"
            }) {
                String[] parts = write.split(" ");
                assertThat(allowed(parts[0], prefix + parts[1], ADMIN))
                        .as(prefix + " " + write)
                        .isFalse();
            }
        }
        assertThat(allowed("POST", "/camunda/api/tasklist/task/t1/submit-form", ADMIN))
                .isFalse();
        assertThat(allowed("POST", "/camunda/api/tasklist/plugin/anything/default/submit", ADMIN))
                .isFalse();
        assertThat(allowed(
                        "POST",
                        "/camunda/api/admin/setup/default/user/create",
                        new CamundaApiRules.Caller(null, Set.of())))
                .isFalse();
        assertThat(allowed("GET", "/camunda/api/admin/setup/default/user", ADMIN))
                .isFalse();
        assertThat(allowed("POST", "/camunda/api/somethingelse/x", ADMIN)).isFalse();
    }

    @Test
    void operationsWorkIsAllowed() {
        assertThat(allowed("PUT", "/engine-rest/job/j1/retries", ADMIN)).isTrue();
        assertThat(allowed("POST", "/engine-rest/job/retries", ADMIN)).isTrue();
        assertThat(allowed("PUT", "/camunda/api/engine/engine/default/incident/i1/annotation", ADMIN))
                .isTrue();
        assertThat(allowed("DELETE", "/camunda/api/engine/engine/default/incident/i1/annotation", ADMIN))
                .isTrue();
        assertThat(allowed(
                        "POST",
                        "/camunda/api/admin/auth/user/default/login/cockpit",
                        new CamundaApiRules.Caller(null, Set.of())))
                .isTrue();
        assertThat(allowed("POST", "/camunda/api/admin/auth/user/default/logout", ADMIN))
                .isTrue();
    }

    @Test
    void passwordsAndMembership() {
        assertThat(allowed("PUT", "/engine-rest/user/admin/credentials", ADMIN)).isTrue();
        assertThat(allowed("PUT", "/camunda/api/engine/engine/default/user/vanthu/credentials", CLERK))
                .isTrue();
        assertThat(allowed("PUT", "/camunda/api/engine/engine/default/user/bithu/credentials", CLERK))
                .isFalse();
        assertThat(allowed("PUT", "/camunda/api/engine/engine/default/user/vanthu/profile", CLERK))
                .isFalse();
        assertThat(allowed("POST", "/engine-rest/user/create", ADMIN)).isTrue();
        assertThat(allowed("POST", "/engine-rest/group/create", ADMIN)).isTrue();
        assertThat(allowed("POST", "/camunda/api/engine/engine/default/user/create", CLERK))
                .isFalse();
        assertThat(allowed("PUT", "/engine-rest/group/drafters/members/khach", ADMIN))
                .isTrue();
        assertThat(allowed("DELETE", "/engine-rest/group/drafters/members/khach", ADMIN))
                .isTrue();
        assertThat(allowed("PUT", "/engine-rest/group/signers/members/khach", ADMIN))
                .isFalse();
        assertThat(allowed("DELETE", "/engine-rest/group/reviewers/members/chanhvanphong", ADMIN))
                .isFalse();
        assertThat(allowed("DELETE", "/engine-rest/group/camunda-admin/members/admin", ADMIN))
                .isFalse();
        assertThat(allowed("PUT", "/engine-rest/group/drafters/members/admin", ADMIN))
                .isFalse();
        assertThat(allowed("PUT", "/engine-rest/group/drafters/members/khach", CLERK))
                .isFalse();
        assertThat(allowed("PUT", "/engine-rest/group/drafters", ADMIN)).isFalse();
        assertThat(allowed("DELETE", "/engine-rest/group/drafters", ADMIN)).isFalse();
    }
}
