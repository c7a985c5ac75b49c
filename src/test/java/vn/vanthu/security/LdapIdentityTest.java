package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.IntegrationTest;

/**
 * vanthu.identity.mode=ldap against an in-process LDAP directory (UnboundID, Spring Boot's embedded
 * server, seeded with ldap/demo-directory.ldif: profile ldap-demo) — issue 16, item 3. People who
 * exist only in the directory sign in to the app and to Camunda's webapps and see the tasks of the
 * groups the directory gives them; the directory's own admin group is mapped to camunda-admin.
 * Its own Spring context (its own properties), closed after the class so that its engine stops.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("ldap-demo")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// in the shared test JVM, after the shared application's tests (see the constant)
@Order(IntegrationTest.AFTER_THE_SHARED_APPLICATION)
class LdapIdentityTest {

    static final Path DATA_DIR = Path.of("target", "test-data", "ldap-" + UUID.randomUUID());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vanthu.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        registry.add("vanthu.mail.embedded.smtp-port", () -> "0");
        registry.add("vanthu.mail.embedded.imap-port", () -> "0");
        registry.add("spring.ldap.embedded.port", () -> "0");
        // Camunda keeps a JVM-wide registry of engines by name: under its own name, this context's
        // engine neither hides nor, when the context closes, unregisters the shared contexts' "default"
        registry.add("camunda.bpm.process-engine-name", () -> ENGINE);
    }

    static final String ENGINE = "ldap";

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService tasks;

    Api as(String user) {
        return Api.at(port, user, "demo");
    }

    @Test
    void aDirectoryUserSeesTheTasksOfTheGroupTheDirectoryGivesThem() {
        // nguyenmai and hoangnam exist only in the directory
        Map<String, Object> draft =
                Drafts.invitation("Họp thử thư mục LDAP " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 2);
        Api.Response created = as("nguyenmai").post("/api/documents", draft);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(as("nguyenmai")
                        .post("/api/documents/" + id + "/submit", Map.of())
                        .status())
                .isEqualTo(200);

        String reviewTask = taskOf("hoangnam", id, "review");
        // a drafter does not get the reviewers' task
        assertThat(openTasks("nguyenmai", id)).isEmpty();
        // the engine knows the directory's people and their groups too: Tasklist shows hoangnam the task
        assertThat(tasks.createTaskQuery()
                        .taskCandidateUser("hoangnam")
                        .processVariableValueEquals("documentId", id)
                        .list())
                .extracting(t -> t.getId())
                .containsExactly(reviewTask);

        // through review and signature (bithu, from the directory, with the demo key and PIN) to the number
        assertThat(complete("hoangnam", reviewTask, "approve", null).status()).isEqualTo(200);
        JsonNode signed =
                complete("bithu", taskOf("bithu", id, "sign"), "sign", "demo").json();
        assertThat(signed.get("status").asText()).isEqualTo("ISSUED");
        assertThat(signed.get("number").asText()).endsWith("-GM/ĐUK");
    }

    @Test
    void theDirectoryDecidesWhoIsWho() {
        assertThat(identity.isReadOnly())
                .as("users are managed in the directory")
                .isTrue();
        assertThat(identity.createUserQuery().userId("nguyenmai").singleResult().getFirstName())
                .isEqualTo("Nguyễn Thị");
        assertThat(identity.createGroupQuery().groupMember("hoangnam").list())
                .extracting(Group::getId)
                .containsExactly("reviewers");
        // a wrong password, an unknown user, an empty password: refused alike
        assertThat(Api.at(port, "hoangnam", "sai").get("/api/tasks").status()).isEqualTo(401);
        assertThat(Api.at(port, "khong-co-ai", "demo").get("/api/tasks").status())
                .isEqualTo(401);
        assertThat(Api.at(port, "hoangnam", "").get("/api/tasks").status()).isEqualTo(401);
        // khach is in the directory but in none of Văn thư's groups: signed in, but no staff member
        assertThat(as("khach").get("/api/tasks").json()).isEmpty();
        assertThat(as("khach").get("/api/register").status()).isEqualTo(403);
        // the directory's "quan-tri" is camunda-admin (vanthu.identity.groups): the app's admin pages,
        // and the health details, which include the directory itself
        assertThat(as("admin").get("/quan-tri/nhat-ky").status()).isEqualTo(200);
        assertThat(as("vanthu").get("/quan-tri/nhat-ky").status()).isEqualTo(403);
        JsonNode readiness = as("admin").get("/actuator/health/readiness").ok();
        assertThat(readiness.at("/components/ldap/status").asText()).isEqualTo("UP");
        assertThat(readiness.get("status").asText()).isEqualTo("UP");
    }

    @Test
    void camundasWebappsSignInAgainstTheDirectory() {
        // the directory's admin into Cockpit; a wrong password of a directory user refused
        assertThat(new WebappSession(port, null).login("admin", "demo", ENGINE).status())
                .isEqualTo(200);
        assertThat(new WebappSession(port, null)
                        .login("nguyenmai", "sai", ENGINE)
                        .status())
                .isEqualTo(401);
        // the directory's admins administer the engine
        assertThat(Api.at(port, "admin", "demo")
                        .get("/engine-rest/engine/" + ENGINE + "/user?id=nguyenmai")
                        .status())
                .isEqualTo(200);
        assertThat(Api.at(port, "admin", "demo")
                        .get("/engine-rest/engine/" + ENGINE + "/user?id=nguyenmai")
                        .json()
                        .get(0)
                        .get("email")
                        .asText())
                .isEqualTo("nguyenmai@vanthu.local");
    }

    private List<JsonNode> openTasks(String user, long documentId) {
        Api.Response open = as(user).get("/api/tasks");
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        List<JsonNode> found = new java.util.ArrayList<>();
        open.json().forEach(t -> {
            if (t.get("documentId").asLong() == documentId) {
                found.add(t);
            }
        });
        return found;
    }

    private String taskOf(String user, long documentId, String key) {
        return openTasks(user, documentId).stream()
                .filter(t -> t.get("key").asText().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError(user + " has no " + key + " task for " + documentId))
                .get("id")
                .asText();
    }

    private Api.Response complete(String user, String taskId, String decision, String pin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (pin != null) {
            body.put("pin", pin);
        }
        Api.Response response = as(user).post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }
}
