package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** Every endpoint checks who is asking: 401 without sign-in, 403 for the wrong person, 404/409 as DESIGN §4 says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRulesTest extends IntegrationTest {

    @Autowired
    IdentityService identity;

    final Flow flow = new Flow(this);

    @BeforeAll
    void users() {
        // a second drafter, and a signed-in person who belongs to no office group
        createUser("chuyenvien2", "drafters");
        createUser("khach", null);
    }

    void createUser(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName("Người");
            user.setLastName("Thử");
            user.setPassword("demo");
            identity.saveUser(user);
            if (group != null) {
                identity.createMembership(id, group);
            }
        }
    }

    @Test
    void withoutSignInEveryStaffEndpointAnswers401() {
        Api anonymous = anonymous();
        assertThat(anonymous.get("/api/tasks").status()).isEqualTo(401);
        assertThat(anonymous
                        .post("/api/documents", Drafts.invitation("x", "a.vn", 1))
                        .status())
                .isEqualTo(401);
        assertThat(anonymous.get("/api/documents/1").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/documents/1/pdf").status()).isEqualTo(401);
        assertThat(anonymous.put("/api/documents/1", Map.of()).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/documents/1/submit", Map.of()).status()).isEqualTo(401);
        assertThat(anonymous
                        .post("/api/tasks/x/complete", Map.of("decision", Decision.APPROVE.wire()))
                        .status())
                .isEqualTo(401);
        assertThat(anonymous.get("/api/register?type=GM&year=2026").status()).isEqualTo(401);
        Api.Response wrongPassword = as("khong-ai", "sai").get("/api/tasks");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.get("/api/public/notices").status()).isEqualTo(200);
    }

    @Test
    void onlyDraftersCreateAndOnlyTheirOwnDraftIsEditedOrSubmitted() {
        assertThat(as("chanhvanphong")
                        .post("/api/documents", Drafts.invitation("x", Drafts.uniqueDomain(), 1))
                        .status())
                .isEqualTo(403);
        Map<String, Object> draft = Drafts.invitation("Của chuyenvien", Drafts.uniqueDomain(), 1);
        long id = flow.create(draft);
        assertThat(as("chuyenvien2").put("/api/documents/" + id, draft).status())
                .isEqualTo(403);
        assertThat(as("chuyenvien2")
                        .post("/api/documents/" + id + "/submit", Map.of())
                        .status())
                .isEqualTo(403);
        assertThat(as("khach").get("/api/documents/" + id).status()).isEqualTo(403);
        assertThat(as("khach").get("/api/register?type=GM&year=2026").status()).isEqualTo(403);

        flow.submit(id);
        // submitted: no longer editable, not submittable twice
        Api.Response edit = as("chuyenvien").put("/api/documents/" + id, draft);
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().get("detail").asText()).contains("không còn sửa được");
        assertThat(as("chuyenvien")
                        .post("/api/documents/" + id + "/submit", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void unknownThingsAre404() {
        assertThat(as("vanthu").get("/api/documents/999999").status()).isEqualTo(404);
        assertThat(as("vanthu").get("/api/documents/999999/pdf").status()).isEqualTo(404);
        assertThat(as("chuyenvien")
                        .put("/api/documents/999999", Drafts.invitation("x", "a.vn", 1))
                        .status())
                .isEqualTo(404);
        assertThat(as("chuyenvien")
                        .post("/api/documents/999999/submit", Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(as("chanhvanphong")
                        .post("/api/tasks/khong-co/complete", Map.of("decision", Decision.APPROVE.wire()))
                        .status())
                .isEqualTo(404);
        assertThat(as("vanthu").get("/api/documents/abc").status()).isEqualTo(400);
    }

    @Test
    void onlyReviewersReviewAndOnlyTheChosenSignerSigns() {
        long id = flow.create(Drafts.invitation("Phân quyền", Drafts.uniqueDomain(), 1));
        flow.submit(id);
        String review = flow.taskOf("chanhvanphong", id, Kind.REVIEW);
        assertThat(flow.decide("chuyenvien", review, Decision.APPROVE, null).status())
                .isEqualTo(403);
        assertThat(flow.decide("bithu", review, Decision.APPROVE, null).status())
                .isEqualTo(403);
        assertThat(flow.decide("chanhvanphong", review, Decision.SIGN, null).status())
                .isEqualTo(400);
        assertThat(flow.decide("chanhvanphong", review, Decision.RETURN, null).status())
                .isEqualTo(400); // no comment
        assertThat(flow.decide("chanhvanphong", review, Decision.APPROVE, null).status())
                .isEqualTo(200);
        assertThat(flow.decide("chanhvanphong", review, Decision.APPROVE, null).status())
                .isEqualTo(409); // already done

        String sign = flow.taskOf("bithu", id, Kind.SIGN);
        assertThat(flow.decide("chuyenvien", sign, Decision.SIGN, null).status())
                .isIn(403, 404);
        assertThat(flow.decide("chanhvanphong", sign, Decision.SIGN, null).status())
                .isEqualTo(403);
        assertThat(flow.decide("phobithu", sign, Decision.SIGN, null).status()).isEqualTo(403);
        assertThat(flow.decide("bithu", sign, Decision.REJECT, " ").status()).isEqualTo(400);
        assertThat(flow.decide("bithu", sign, Decision.APPROVE, null).status()).isEqualTo(400);
        assertThat(flow.document(id).get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        assertThat(as("vanthu").get("/api/documents/" + id + "/pdf").status()).isEqualTo(409);

        Api.Response rejected = flow.decide("bithu", sign, Decision.REJECT, "Không tổ chức hội nghị này.");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("REJECTED");
        assertThat(rejected.json().get("number").isNull()).isTrue();
    }

    @Test
    void theDrafterWithdrawsAReturnedDraft() {
        long id = flow.create(Drafts.invitation("Rút", Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.RETURN, "Chưa cần thiết.");
        String revise = flow.taskOf("chuyenvien", id, Kind.REVISE);
        assertThat(flow.decide("chuyenvien2", revise, Decision.WITHDRAW, null).status())
                .isEqualTo(403);
        assertThat(flow.decide("chuyenvien", revise, Decision.WITHDRAW, null)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("WITHDRAWN");
        assertThat(as("chuyenvien").get("/api/tasks").text()).doesNotContain(revise);
    }

    @Test
    void theRegisterValidatesItsQuery() {
        assertThat(as("vanthu").get("/api/register?type=XX&year=2026").status()).isEqualTo(400);
        assertThat(as("vanthu").get("/api/register?type=GM&year=abc").status()).isEqualTo(400);
        assertThat(as("vanthu").get("/api/register?type=GM&year=2026").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentIsServed() {
        Api.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.text()).contains("/api/documents", "/api/tasks/{id}/complete", "/api/register");
    }
}
