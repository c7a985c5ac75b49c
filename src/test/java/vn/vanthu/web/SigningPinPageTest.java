package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.signing.SigningPins;
import vn.vanthu.signing.WrongPinException;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A signer changes their signing PIN on /ma-pin-ky-so and through PUT /api/me/signing-pin.
 * phobithu's key is shared with the other tests of this context: each test puts the demo PIN back.
 */
class SigningPinPageTest extends IntegrationTest {

    static final String LEADER = "phobithu";
    static final String ADDRESS = LEADER + "@vanthu.local";
    static final String NOTICE_SUBJECT = "Mã PIN ký số của đồng chí vừa được đổi";

    final Flow flow = new Flow(this);

    @Autowired
    SigningKeys keys;

    @Autowired
    SigningPins pins;

    /** The PIN phobithu's key may be under if a test stopped half-way. */
    String newPin;

    @AfterEach
    void putTheDemoPinBack() {
        // straight to the key: nothing counted, no email; then a right PIN clears any count left
        try {
            keys.signer(LEADER, Flow.DEMO_PIN.toCharArray());
        } catch (WrongPinException e) {
            keys.changePin(LEADER, newPin.toCharArray(), Flow.DEMO_PIN.toCharArray());
        }
        pins.open(LEADER, Flow.DEMO_PIN);
        assertThat(pins.attemptsLeft(LEADER)).isEqualTo(5);
    }

    @Test
    void aSignerChangesThePinOnThePageAndThenOnlyTheNewPinSigns() throws Exception {
        newPin = "pin-" + UUID.randomUUID().toString().substring(0, 8);
        FormSession leader = new FormSession(port);
        HttpResponse<String> landing = leader.signIn(LEADER);
        assertThat(landing.body()).contains("href=\"/ma-pin-ky-so\"").contains("Mã PIN ký số");
        HttpResponse<String> page = leader.get("/ma-pin-ky-so");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Đổi mã PIN ký số")
                .contains("name=\"_csrf\"")
                .contains("name=\"currentPin\"")
                .contains("name=\"newPin\"")
                .contains("name=\"repeatPin\"");

        // every rule of the new PIN beside its field; the current PIN is not tried, so nothing is counted
        HttpResponse<String> bad = leader.submit(
                "/ma-pin-ky-so",
                "/ma-pin-ky-so",
                Map.of("currentPin", "sai-ma-1", "newPin", "777777", "repeatPin", "777778"));
        assertThat(bad.body())
                .contains("id=\"newPin-error\"")
                .contains("một chữ số lặp lại")
                .contains("id=\"repeatPin-error\"")
                .contains("không khớp")
                .doesNotContain("id=\"currentPin-error\"")
                .doesNotContain("sai-ma-1")
                .doesNotContain("777777")
                .doesNotContain("777778");
        assertThat(pins.attemptsLeft(LEADER)).isEqualTo(5);

        // a wrong current PIN: beside its field, with the attempts left, and counted
        HttpResponse<String> wrong = leader.submit(
                "/ma-pin-ky-so",
                "/ma-pin-ky-so",
                Map.of("currentPin", "sai-ma-2", "newPin", newPin, "repeatPin", newPin));
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body())
                .contains("id=\"currentPin-error\"")
                .contains("Mã PIN hiện tại không đúng (còn 4 lần thử).")
                .doesNotContain("sai-ma-2")
                .doesNotContain(newPin);
        assertThat(pins.attemptsLeft(LEADER)).isEqualTo(4);

        int noticesBefore = notices().size();
        HttpResponse<String> changed = leader.submit(
                "/ma-pin-ky-so",
                "/ma-pin-ky-so",
                Map.of("currentPin", Flow.DEMO_PIN, "newPin", newPin, "repeatPin", newPin));
        assertThat(changed.uri().getPath()).isEqualTo("/ma-pin-ky-so");
        assertThat(changed.body()).contains("Đã đổi mã PIN ký số").doesNotContain(newPin);
        assertThat(pins.attemptsLeft(LEADER)).as("a right PIN clears the count").isEqualTo(5);
        assertNoticeArrived(noticesBefore);

        assertOnlyTheNewPinSigns(newPin);
    }

    @Test
    void theApiChangesThePinWithProblemJsonForEachField() throws Exception {
        newPin = "api-" + UUID.randomUUID().toString().substring(0, 8);
        Api api = as(LEADER);

        Api.Response rules = api.put("/api/me/signing-pin", Map.of("currentPin", Flow.DEMO_PIN, "newPin", "12345"));
        assertThat(rules.status()).isEqualTo(400);
        assertThat(rules.contentType()).startsWith("application/problem+json");
        assertThat(fieldErrors(rules)).containsOnlyKeys("newPin");
        assertThat(fieldErrors(rules).get("newPin")).contains("ít nhất 6 ký tự");
        assertThat(rules.text()).doesNotContain(Flow.DEMO_PIN).doesNotContain("12345");

        Map<String, String> missing = new LinkedHashMap<>();
        missing.put("newPin", newPin);
        assertThat(fieldErrors(api.put("/api/me/signing-pin", missing))).containsOnlyKeys("currentPin");
        assertThat(pins.attemptsLeft(LEADER)).isEqualTo(5);

        Api.Response wrong = api.put("/api/me/signing-pin", Map.of("currentPin", "sai-ma", "newPin", newPin));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(fieldErrors(wrong)).containsEntry("currentPin", "Mã PIN hiện tại không đúng (còn 4 lần thử).");
        assertThat(wrong.text()).doesNotContain("sai-ma\"").doesNotContain(newPin);
        assertThat(pins.attemptsLeft(LEADER)).isEqualTo(4);

        int noticesBefore = notices().size();
        Api.Response changed = api.put("/api/me/signing-pin", Map.of("currentPin", Flow.DEMO_PIN, "newPin", newPin));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(changed.body()).isEmpty();
        assertNoticeArrived(noticesBefore);

        assertOnlyTheNewPinSigns(newPin);
    }

    @Test
    void aDrafterHasNoPinPageNoMenuLinkAndGets403() {
        newPin = "unused-pin";
        Api.Response api =
                as("chuyenvien").put("/api/me/signing-pin", Map.of("currentPin", "demo", "newPin", "482139"));
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.contentType()).startsWith("application/problem+json");

        FormSession drafter = new FormSession(port);
        assertThat(drafter.signIn("chuyenvien").body()).doesNotContain("/ma-pin-ky-so");
        HttpResponse<String> page = drafter.get("/ma-pin-ky-so");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Chỉ lãnh đạo ký văn bản");
        String csrf = FormSession.csrf(drafter.get("/").body());
        HttpResponse<String> post = drafter.post(
                "/ma-pin-ky-so",
                Map.of("currentPin", "demo", "newPin", "482139", "repeatPin", "482139", "_csrf", csrf));
        assertThat(post.statusCode()).isEqualTo(403);
    }

    @Test
    void theFormNeedsItsCsrfTokenAndTheApiIsDescribed() {
        newPin = "unused-pin";
        FormSession leader = new FormSession(port);
        leader.signIn(LEADER);
        HttpResponse<String> forged =
                leader.post("/ma-pin-ky-so", Map.of("currentPin", "demo", "newPin", "482139", "repeatPin", "482139"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(pins.attemptsLeft(LEADER)).isEqualTo(5);

        JsonNode path = anonymous()
                .get("/v3/api-docs")
                .json()
                .path("paths")
                .path("/api/me/signing-pin")
                .path("put");
        assertThat(path.isMissingNode())
                .as("PUT /api/me/signing-pin in the OpenAPI document")
                .isFalse();
        assertThat(path.path("responses").has("204")).isTrue();
    }

    /** A document for phobithu up to the sign task; the demo PIN is refused (and counted), the new one signs. */
    private void assertOnlyTheNewPinSigns(String pin) {
        Map<String, Object> draft =
                Drafts.invitation("Ký bằng mã PIN mới " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1);
        draft.put("signer", LEADER);
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        String sign = flow.taskOf(LEADER, id, Kind.SIGN);

        Api.Response old = flow.decide(LEADER, sign, Decision.SIGN, null, Flow.DEMO_PIN);
        assertThat(old.status()).as(old.toString()).isEqualTo(400);
        assertThat(old.text()).contains("Mã PIN ký số không đúng");

        Api.Response signed = flow.decide(LEADER, sign, Decision.SIGN, null, pin);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().get("status").asText()).isEqualTo("ISSUED");
    }

    private List<MimeMessage> notices() {
        return Arrays.stream(mailServer.getReceivedMessages())
                .filter(m -> ADDRESS.equals(Mailbox.recipient(m))
                        && Mailbox.subject(m).contains(NOTICE_SUBJECT))
                .toList();
    }

    private void assertNoticeArrived(int before) throws Exception {
        List<MimeMessage> notices = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(this::notices, arrived -> arrived.size() > before);
        assertThat(notices).hasSizeGreaterThan(before);
        String body = (String) notices.get(notices.size() - 1).getContent();
        assertThat(body)
                .contains("Mã PIN ký số của đồng chí vừa được đổi")
                .contains("báo ngay cho Văn phòng")
                .doesNotContain(newPin)
                .doesNotContain(Flow.DEMO_PIN);
    }

    private static Map<String, String> fieldErrors(Api.Response response) {
        Map<String, String> errors = new LinkedHashMap<>();
        response.json()
                .path("errors")
                .forEach(e ->
                        errors.put(e.get("field").asText(), e.get("message").asText()));
        return errors;
    }
}
