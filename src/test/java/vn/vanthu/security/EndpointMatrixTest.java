package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.servlet.WebMvcEndpointHandlerMapping;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/**
 * Every endpoint of Văn thư, asked as each role and anonymously (issue 15, item 10). The list of
 * endpoints comes from Spring's request mappings, so a new endpoint without a row in {@link #TABLE}
 * fails the build. Each row says who gets past the door: the others must get 401 (or the sign-in
 * page) when anonymous and 403 when signed in. "Past the door" means any other answer: 200, or the
 * 400/404/409 that the fixture values (an issued document, unknown tasks and tokens, empty bodies)
 * lead to — nothing here changes a document.
 */
class EndpointMatrixTest extends IntegrationTest {

    static final String ANON = "anonymous";
    static final List<String> ROLES = List.of(ANON, "chuyenvien", "chanhvanphong", "bithu", "vanthu", "admin");
    static final Set<String> EVERYONE = Set.copyOf(ROLES);
    static final Set<String> STAFF = Set.of("chuyenvien", "chanhvanphong", "bithu", "vanthu", "admin");
    static final Set<String> CLERKS = Set.of("vanthu", "admin");
    static final Set<String> SIGNERS = Set.of("bithu");
    static final Set<String> DRAFTERS = Set.of("chuyenvien");

    /** METHOD path → who gets past the door, with an issued invitation as {id}. */
    static final Map<String, Set<String>> TABLE = new LinkedHashMap<>();

    /** The Actuator's endpoints, with concrete paths; every path Actuator maps is covered by one. */
    static final Map<String, Set<String>> ACTUATOR = new LinkedHashMap<>();

    /**
     * The document page's action buttons and the task form answer a refusal as any other failure,
     * with a redirect back and the message on the page; with an issued document every signed-in
     * role gets that redirect, so here only the sign-in door is checked. The rule behind each is
     * AccessPolicy's (AccessPolicyTest) and the same action's API row (recall, cancel, complete).
     */
    static final Set<String> PAGE_FORMS = Set.of(
            "POST /viec/{taskId}",
            "POST /viec/ky-hang-loat",
            "POST /van-ban/{id}/rut",
            "POST /van-ban/{id}/thu-hoi",
            "POST /van-ban/{id}/huy-ky-tu-xa",
            "POST /van-ban/{id}/tham-du/nhac",
            "POST /van-ban/{id}/tai-lieu",
            "POST /van-ban/{id}/tai-lieu/{paperId}/xoa");

    /** Query strings that get a request past parameter binding to the access check. */
    static final Map<String, String> QUERIES = Map.of(
            "GET /mailbox/message", "?id=khong-co&to=khong-co%40vanthu.local",
            "GET /mailbox/part", "?id=khong-co&to=khong-co%40vanthu.local&index=0");

    static {
        // public
        TABLE.put("GET /thong-bao", EVERYONE);
        TABLE.put("GET /thong-bao/{id}", EVERYONE);
        TABLE.put("GET /xac-minh", EVERYONE);
        TABLE.put("POST /xac-minh", EVERYONE);
        TABLE.put("POST /api/public/verify", EVERYONE);
        TABLE.put("GET /api/public/notices", EVERYONE);
        TABLE.put("GET /api/public/documents/{id}/pdf", EVERYONE);
        TABLE.put("GET /api/public/instance", EVERYONE); // operations.PublicUrlCheck asks it
        TABLE.put("GET /login", EVERYONE);
        TABLE.put("GET /r/{token}/{action}", EVERYONE); // a recipient's link: the token decides (404 here)
        // a recipient's forms carry the page's CSRF token; without it only a Basic-authenticated
        // request (exempt from CSRF) gets to the token check
        TABLE.put("POST /r/{token}/answer", STAFF);
        TABLE.put("POST /r/{token}/receipt", STAFF);
        // staff
        TABLE.put("GET /", STAFF);
        TABLE.put("GET /viec/{taskId}", STAFF);
        TABLE.put("POST /viec/{taskId}", STAFF);
        // ký hàng loạt: BatchSigning refuses a non-signer, the page says so on the task list
        TABLE.put("POST /viec/ky-hang-loat", STAFF);
        TABLE.put("GET /van-ban/{id}", STAFF); // issued: every staff member reads it
        TABLE.put("GET /van-ban/{id}/pdf", STAFF);
        TABLE.put("GET /van-ban/{id}/in", STAFF);
        TABLE.put("GET /api/documents/{id}", STAFF);
        TABLE.put("GET /api/documents/{id}/pdf", STAFF);
        TABLE.put("GET /api/tasks", STAFF);
        TABLE.put("GET /api/me/summary", STAFF);
        // the bell: one's own notifications, whoever one is among the staff
        TABLE.put("GET /api/me/notifications", STAFF);
        TABLE.put("POST /api/me/notifications/read", STAFF);
        TABLE.put("GET /thong-bao-cua-toi", STAFF);
        TABLE.put("POST /thong-bao-cua-toi/da-doc", STAFF);
        TABLE.put("GET /api/documents", STAFF);
        TABLE.put("GET /danh-sach", STAFF);
        TABLE.put("GET /danh-sach/{view}", STAFF);
        TABLE.put("POST /api/tasks/{id}/complete", STAFF); // an unknown task: 404 for anyone signed in
        TABLE.put("POST /api/tasks/{id}/signature", STAFF); // the same
        TABLE.put("POST /api/tasks/{id}/signature/{requestId}", STAFF);
        TABLE.put("GET /api/register", STAFF);
        // issue 14: meeting papers, attendance (the invitation's signer reminds too)
        TABLE.put("GET /api/documents/{id}/papers", STAFF);
        TABLE.put("GET /api/documents/{id}/papers/{paperId}", STAFF); // none such: 404 past the door
        TABLE.put("POST /api/documents/{id}/papers", DRAFTERS); // issued: 409 for its drafter
        TABLE.put("DELETE /api/documents/{id}/papers/{paperId}", DRAFTERS);
        TABLE.put("GET /api/documents/{id}/route", STAFF);
        TABLE.put("GET /api/documents/{id}/attendance", STAFF);
        TABLE.put("GET /api/documents/{id}/attendance.csv", STAFF);
        TABLE.put("GET /api/documents/{id}/attendance.xlsx", STAFF);
        TABLE.put("POST /api/documents/{id}/attendance/remind", Set.of("bithu", "vanthu", "admin"));
        TABLE.put("GET /r/{token}/tai-lieu/{paperId}", EVERYONE); // the token decides (404 here)
        TABLE.put("GET /r/lich/{file}", EVERYONE); // a calendar feed: the token decides (404 here)
        TABLE.put("GET /lich-hop", STAFF);
        TABLE.put("POST /lich-hop/lien-ket", STAFF); // one's own feed link
        TABLE.put("POST /lich-hop/lien-ket/thu-hoi", STAFF);
        TABLE.put("GET /van-ban/{id}/tham-du", STAFF);
        TABLE.put("GET /van-ban/{id}/tai-lieu/{paperId}", STAFF);
        TABLE.put("POST /van-ban/{id}/tham-du/nhac", Set.of("bithu", "vanthu", "admin"));
        TABLE.put("POST /van-ban/{id}/tai-lieu", DRAFTERS);
        TABLE.put("POST /van-ban/{id}/tai-lieu/{paperId}/xoa", DRAFTERS);
        TABLE.put("GET /so-van-ban-di", STAFF);
        TABLE.put("GET /so-van-ban-di/in", STAFF);
        TABLE.put("GET /api/register/export", STAFF); // without a type: 400 past the door
        // drafters
        TABLE.put("GET /van-ban/moi", DRAFTERS);
        TABLE.put("POST /van-ban/moi", DRAFTERS);
        TABLE.put("POST /api/documents", DRAFTERS);
        TABLE.put("GET /van-ban/{id}/sua", DRAFTERS);
        TABLE.put("POST /van-ban/{id}/sua", DRAFTERS);
        TABLE.put("POST /van-ban/{id}/rut", DRAFTERS);
        TABLE.put("GET /van-ban/{id}/sao-chep", DRAFTERS);
        TABLE.put("PUT /api/documents/{id}", DRAFTERS);
        TABLE.put("POST /api/documents/{id}/submit", DRAFTERS);
        // signers
        // one's own password (after an administrator's reset, the only page that answers): empty form, 400
        TABLE.put("GET /doi-mat-khau", STAFF);
        TABLE.put("POST /doi-mat-khau", STAFF);
        TABLE.put("GET /ma-pin-ky-so", SIGNERS);
        TABLE.put("POST /ma-pin-ky-so", SIGNERS);
        TABLE.put("PUT /api/me/signing-pin", SIGNERS);
        TABLE.put("POST /api/me/signing-certificate", SIGNERS); // no certificate: 400 for a signer
        TABLE.put("POST /api/tasks/sign-batch", SIGNERS); // no tasks: 400 for a signer
        TABLE.put("POST /api/documents/{id}/remote-signature/cancel", SIGNERS);
        TABLE.put("POST /van-ban/{id}/huy-ky-tu-xa", SIGNERS);
        // absences (docs/routes.md "Vắng mặt và ký thay"): an empty body is 400, an unknown absence 404
        TABLE.put("GET /api/me/absences", SIGNERS);
        TABLE.put("POST /api/me/absences", SIGNERS);
        TABLE.put("DELETE /api/me/absences/{absenceId}", Set.of("bithu", "admin")); // admins cancel any
        TABLE.put("GET /vang-mat", SIGNERS);
        TABLE.put("POST /vang-mat", SIGNERS); // the form again, with a message beside each field
        TABLE.put("POST /vang-mat/{absenceId}/huy", Set.of("bithu", "admin"));
        // clerks (and admins)
        TABLE.put("POST /api/documents/{id}/recall", CLERKS);
        TABLE.put("POST /van-ban/{id}/thu-hoi", CLERKS);
        TABLE.put("GET /api/deliveries", CLERKS);
        TABLE.put("POST /api/deliveries/{id}/retry", CLERKS);
        TABLE.put("GET /gui-loi", CLERKS);
        TABLE.put("POST /gui-loi/{id}/gui-lai", CLERKS);
        TABLE.put("GET /mailbox", CLERKS);
        TABLE.put("GET /mailbox/message", CLERKS);
        TABLE.put("GET /mailbox/part", CLERKS);
        TABLE.put("GET /van-ban/{id}/phat-hanh", CLERKS);
        TABLE.put("POST /van-ban/{id}/phat-hanh/{deliveryId}/dia-chi", CLERKS);
        TABLE.put("POST /van-ban/{id}/phat-hanh/{deliveryId}/ban-giay", CLERKS);
        TABLE.put("POST /api/admin/absences", CLERKS); // a leader's absence recorded for them
        TABLE.put("GET /danh-ba", CLERKS);
        TABLE.put("POST /danh-ba/muc", CLERKS);
        TABLE.put("GET /danh-ba/muc/{id}", CLERKS);
        TABLE.put("POST /danh-ba/muc/{id}", CLERKS);
        TABLE.put("POST /danh-ba/muc/{id}/trang-thai", CLERKS);
        TABLE.put("POST /danh-ba/nhom", CLERKS);
        TABLE.put("GET /danh-ba/nhom/{id}", CLERKS);
        TABLE.put("POST /danh-ba/nhom/{id}", CLERKS);
        TABLE.put("POST /danh-ba/chuc-vu/{userId}", CLERKS);
        // admins
        TABLE.put("GET /quan-tri/tai-khoan", Set.of("admin"));
        TABLE.put("POST /quan-tri/tai-khoan", Set.of("admin"));
        TABLE.put("POST /quan-tri/tai-khoan/{userId}/nhom", Set.of("admin"));
        TABLE.put("POST /quan-tri/tai-khoan/{userId}/mat-khau", Set.of("admin"));
        TABLE.put("POST /quan-tri/tai-khoan/chung-thu/{certificateId}/duyet", Set.of("admin"));
        TABLE.put("POST /quan-tri/tai-khoan/chung-thu/{certificateId}/tu-choi", Set.of("admin"));
        TABLE.put("DELETE /api/admin/login-locks/{userId}", Set.of("admin"));
        TABLE.put("GET /quan-tri/nhat-ky", Set.of("admin"));
        TABLE.put("POST /api/admin/backup", Set.of("admin")); // makes a real backup of the test database
        // signers' certificates: an unknown id or user, 404 past the door
        TABLE.put("GET /api/admin/signing-certificates", Set.of("admin"));
        TABLE.put("POST /api/admin/signing-certificates/{certificateId}/approve", Set.of("admin"));
        TABLE.put("POST /api/admin/signing-certificates/{certificateId}/refuse", Set.of("admin"));
        TABLE.put("PUT /api/admin/signers/{userId}/signing-certificate", Set.of("admin"));
        // the routes an office draws (docs/routes.md); {type} is no configured type: nothing is rebound here
        TABLE.put("GET /api/admin/routes", Set.of("admin"));
        TABLE.put("POST /api/admin/routes", Set.of("admin")); // no file: 400 past the door
        TABLE.put("PUT /api/admin/routes/bindings/{type}", Set.of("admin"));
        TABLE.put("DELETE /api/admin/routes/bindings/{type}", Set.of("admin"));
        TABLE.put("GET /quan-tri/quy-trinh", Set.of("admin"));
        TABLE.put("POST /quan-tri/quy-trinh", Set.of("admin"));
        TABLE.put("POST /quan-tri/quy-trinh/loai/{type}", Set.of("admin"));
        // Actuator (docs/monitoring.md): the probes for anyone (status only), the rest for admins
        ACTUATOR.put("GET /actuator/health", EVERYONE);
        ACTUATOR.put("GET /actuator/health/liveness", EVERYONE);
        ACTUATOR.put("GET /actuator/health/readiness", EVERYONE);
        ACTUATOR.put("GET /actuator/health/db", Set.of("admin"));
        ACTUATOR.put("GET /actuator", Set.of("admin"));
        ACTUATOR.put("GET /actuator/info", Set.of("admin"));
        ACTUATOR.put("GET /actuator/metrics", Set.of("admin"));
        ACTUATOR.put("GET /actuator/metrics/vanthu.documents", Set.of("admin"));
        ACTUATOR.put("GET /actuator/prometheus", Set.of("admin")); // and the "monitoring" group (no demo user)
        TABLE.putAll(ACTUATOR);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    WebMvcEndpointHandlerMapping actuatorMappings;

    final Flow flow = new Flow(this);

    /** Our endpoints, as Spring maps them: "METHOD path". */
    Set<String> endpoints() {
        Set<String> found = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
                mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getName().startsWith("vn.vanthu.")) {
                continue;
            }
            for (String path : e.getKey().getPatternValues()) {
                e.getKey().getMethodsCondition().getMethods().forEach(m -> found.add(m.name() + " " + path));
            }
        }
        return found;
    }

    @Test
    void everyEndpointHasARow() {
        Set<String> ours = new TreeSet<>(TABLE.keySet());
        ours.removeAll(ACTUATOR.keySet());
        assertThat(ours)
                .as("a row for every endpoint, and no row for an endpoint that is gone")
                .containsExactlyInAnyOrderElementsOf(endpoints());
    }

    /**
     * docs/architecture.md's table "where an endpoint lives" has a row for every endpoint (it is
     * written by scripts/endpoint-table.py, which reads the annotations; run it again when this fails).
     */
    @Test
    void theArchitectureDocsTableHasEveryEndpoint() throws java.io.IOException {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "architecture.md"));
        List<String> missing = new ArrayList<>();
        for (String endpoint : endpoints()) {
            String[] methodAndPath = endpoint.split(" ", 2);
            if (!docs.contains("| `" + methodAndPath[1] + "` | " + methodAndPath[0] + " |")) {
                missing.add(endpoint);
            }
        }
        assertThat(missing)
                .as("rows missing in docs/architecture.md: python3 scripts/endpoint-table.py")
                .isEmpty();
    }

    /** An endpoint exposed later (management.endpoints.web.exposure) fails here until it has its row. */
    @Test
    void everyActuatorEndpointHasARow() {
        AntPathMatcher matcher = new AntPathMatcher();
        List<String> missing = new ArrayList<>();
        for (RequestMappingInfo info : actuatorMappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                for (var method : info.getMethodsCondition().getMethods()) {
                    boolean covered = ACTUATOR.keySet().stream()
                            .anyMatch(row -> row.startsWith(method.name() + " ")
                                    && matcher.match(
                                            pattern, row.substring(method.name().length() + 1)));
                    if (!covered) {
                        missing.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        assertThat(missing).as("Actuator paths without a row").isEmpty();
    }

    @Test
    void everyRoleGetsWhatItsRowSays() {
        JsonNode issued =
                flow.issue(Drafts.invitation("Ma trận quyền " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        String id = issued.get("id").asText();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> row : TABLE.entrySet()) {
            String method = row.getKey().split(" ", 2)[0];
            // a delivery id that exists nowhere: a real one could be another test's failed email
            String rowId =
                    row.getKey().contains("/deliveries/") || row.getKey().contains("/gui-loi/") ? "999999999" : id;
            String path = row.getKey()
                            .split(" ", 2)[1]
                            .replace("{id}", rowId)
                            .replace("{taskId}", "khong-co")
                            // never a real one: another test's pending certificate must not be decided here
                            .replace("{certificateId}", "999999999")
                            .replace("{absenceId}", "999999999")
                            .replace("{requestId}", "khong-co")
                            .replace("{token}", "khong-co")
                            .replace("{action}", "receipt")
                            .replace("{userId}", "khong-co")
                            .replace("{view}", "tra-cuu")
                            .replace("{deliveryId}", "999999999")
                            .replace("{paperId}", "999999999")
                            .replace("{type}", "khong-co")
                            .replace("{file}", "khong-co.ics")
                    + QUERIES.getOrDefault(row.getKey(), "");
            boolean pageForm = PAGE_FORMS.contains(row.getKey());
            for (String role : ROLES) {
                Api api = ANON.equals(role) ? anonymous() : as(role);
                Api.Response response = switch (method) {
                    case "GET" -> api.get(path);
                    case "POST" -> api.post(path, Map.of());
                    case "PUT" -> api.put(path, Map.of());
                    case "DELETE" -> api.delete(path);
                    default -> throw new IllegalStateException(method);
                };
                boolean refused = response.status() == 401
                        || response.status() == 403
                        || (response.status() == 302
                                && String.valueOf(response.location()).contains("/login"));
                boolean allowed = pageForm ? !ANON.equals(role) : row.getValue().contains(role);
                if (allowed == refused) {
                    wrong.add(row.getKey() + " as " + role + ": " + response.status()
                            + (allowed ? " (should get past the door)" : " (should be refused)"));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyPageFormHasItsRow() {
        assertThat(TABLE.keySet()).containsAll(PAGE_FORMS);
    }
}
