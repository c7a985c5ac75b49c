package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/** Bad drafts get a 400 with a message on each bad field, and nothing is stored. */
class DraftRulesTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    final Flow flow = new Flow(this);

    @SuppressWarnings("unchecked")
    Map<String, Object> invitation(Consumer<Map<String, Object>> change) {
        Map<String, Object> draft = Drafts.invitation("Hội nghị", Drafts.uniqueDomain(), 2);
        draft.put("meeting", new HashMap<>((Map<String, Object>) draft.get("meeting")));
        draft.put("recipients", new ArrayList<>((List<Object>) draft.get("recipients")));
        change.accept(draft);
        return draft;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> meeting(Map<String, Object> draft) {
        return (Map<String, Object>) draft.get("meeting");
    }

    JsonNode rejected(Object body, String... fields) {
        long documents = count("document");
        long versions = count("document_version");
        Api.Response response = as("chuyenvien").post("/api/documents", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        List<String> bad = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> {
                bad.add(e.get("field").asText());
                assertThat(e.get("message").asText()).isNotBlank();
            });
        }
        assertThat(bad).contains(fields);
        assertThat(count("document")).isEqualTo(documents);
        assertThat(count("document_version")).isEqualTo(versions);
        return problem;
    }

    long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    @Test
    void noRecipients() {
        rejected(invitation(d -> d.put("recipients", List.of())), "recipients");
    }

    @Test
    void meetingThatEndsBeforeItStarts() {
        JsonNode problem = rejected(
                invitation(d -> {
                    OffsetDateTime start =
                            OffsetDateTime.parse((String) meeting(d).get("start"));
                    meeting(d).put("end", start.minusHours(1).toString());
                }),
                "meeting.end");
        assertThat(problem.get("detail").asText()).contains("kết thúc phải sau");
    }

    @Test
    void meetingInThePast() {
        rejected(
                invitation(d -> {
                    meeting(d).put("start", OffsetDateTime.now().minusDays(1).toString());
                    meeting(d)
                            .put(
                                    "end",
                                    OffsetDateTime.now()
                                            .minusDays(1)
                                            .plusHours(2)
                                            .toString());
                }),
                "meeting.start");
    }

    @Test
    void meetingWithoutPlaceOrWithABadDate() {
        rejected(
                invitation(d -> {
                    meeting(d).put("location", " ");
                    meeting(d).put("start", "ngày mai");
                }),
                "meeting.location",
                "meeting.start");
        rejected(invitation(d -> d.remove("meeting")), "meeting");
    }

    @Test
    void invalidAndDuplicateAddresses() {
        rejected(
                invitation(d -> {
                    @SuppressWarnings("unchecked")
                    List<Object> recipients = (List<Object>) d.get("recipients");
                    recipients.add(Map.of("name", "Ban Tổ chức", "email", "khong-phai-email"));
                    recipients.add(Map.of(
                            "name",
                            "Trùng",
                            "email",
                            ((Map<?, ?>) recipients.get(0))
                                    .get("email")
                                    .toString()
                                    .toUpperCase()));
                    recipients.add(Map.of("name", "", "email", "a@b.vn"));
                }),
                "recipients[2].email",
                "recipients[3].email",
                "recipients[4].name");
    }

    @Test
    void signerWhoIsNotASigner() {
        rejected(invitation(d -> d.put("signer", "chanhvanphong")), "signer");
        rejected(invitation(d -> d.put("signer", "khong-ton-tai")), "signer");
    }

    @Test
    void missingTitleBodyAndUnknownType() {
        rejected(
                invitation(d -> {
                    d.put("title", "");
                    d.remove("body");
                }),
                "title",
                "body");
        rejected(invitation(d -> d.put("type", "NQ")), "type");
        rejected(
                Map.of(
                        "type",
                        "KL",
                        "title",
                        "x",
                        "body",
                        "y",
                        "recipients",
                        Drafts.recipients(Drafts.uniqueDomain(), 1),
                        "signer",
                        "bithu",
                        "meeting",
                        Map.of("location", "x")),
                "meeting");
    }

    @Test
    void controlCharactersAndBidiOverridesAreRefusedInEveryFreeTextField() {
        JsonNode problem = rejected(invitation(d -> d.put("body", "Nội dung\u0007 có chuông")), "body");
        assertThat(problem.toString()).contains("ký tự điều khiển");
        rejected(
                invitation(d -> {
                    d.put("title", "Họp\rDTSTART:20300101T000000Z");
                    meeting(d).put("location", "Hội trường\rATTENDEE:mailto:evil@x.vn");
                    meeting(d).put("chair", "Bí thư\u0000");
                    meeting(d).put("invitees", "Các đồng chí\u001b[31m");
                    meeting(d).put("preparation", "Tài liệu \u202Egnol\u202C");
                    meeting(d).put("contact", "Văn phòng \u2066x\u2069");
                    @SuppressWarnings("unchecked")
                    List<Object> recipients = (List<Object>) d.get("recipients");
                    recipients.add(Map.of("name", "Ban Tổ chức\u0085\u0008", "email", "btc@x.vn"));
                }),
                "title",
                "meeting.location",
                "meeting.chair",
                "meeting.invitees",
                "meeting.preparation",
                "meeting.contact",
                "recipients[2].name");
    }

    @Test
    void tabsAndLineBreaksAreKeptWithCrLfStoredAsLf() {
        long id = flow.create(invitation(d -> {
            d.put("body", "Dòng một\r\n\tDòng hai\nDòng ba");
            meeting(d).put("preparation", "Báo cáo\r\nTham luận");
        }));
        assertThat(jdbc.queryForObject("select body from document_version where document_id = ?", String.class, id))
                .isEqualTo("Dòng một\n\tDòng hai\nDòng ba");
        assertThat(jdbc.queryForObject(
                        "select preparation from document_version where document_id = ?", String.class, id))
                .isEqualTo("Báo cáo\nTham luận");
    }

    @Test
    void aMeetingYearOutsideTwoThousandToTwentyOneHundredIsRefused() {
        JsonNode problem = rejected(
                invitation(d -> {
                    meeting(d).put("start", "2101-03-01T08:00:00+07:00");
                    meeting(d).put("end", "2101-03-01T10:00:00+07:00");
                }),
                "meeting.start",
                "meeting.end");
        assertThat(problem.toString()).contains("2000", "2100");
        rejected(invitation(d -> meeting(d).put("end", "+99999-03-01T10:00:00+07:00")), "meeting.end");
    }

    @Test
    void aTaskCommentWithAControlCharacterIsRefusedAndTheTaskStaysOpen() {
        long id = flow.create(invitation(d -> {}));
        flow.submit(id);
        String task = flow.taskOf("chanhvanphong", id, vn.vanthu.workflow.DocumentIssuanceProcess.Kind.REVIEW);
        Api.Response response = flow.decide(
                "chanhvanphong", task, vn.vanthu.workflow.DocumentIssuanceProcess.Decision.RETURN, "Sửa lại\u0007");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).contains("comment");
        assertThat(flow.taskOf("chanhvanphong", id, vn.vanthu.workflow.DocumentIssuanceProcess.Kind.REVIEW))
                .isEqualTo(task);
        assertThat(flow.document(id).get("status").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    void malformedJsonIsA400() {
        long documents = count("document");
        Api.Response response = as("chuyenvien").post("/api/documents", "{\"type\": \"GM\", \"title\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(count("document")).isEqualTo(documents);
    }

    @Test
    void anEditWithBadInputKeepsTheCurrentVersion() {
        Map<String, Object> draft = invitation(d -> {});
        long id = flow.create(draft);
        draft.put("recipients", List.of());
        Api.Response response = as("chuyenvien").put("/api/documents/" + id, draft);
        assertThat(response.status()).isEqualTo(400);
        assertThat(flow.document(id).get("version").asInt()).isEqualTo(1);
        assertThat(flow.document(id).get("recipients")).hasSize(2);
    }

    @Test
    void anInvitationForAMeetingTooSoonIsMarkedUrgentAndTheDrafterWarned() {
        Map<String, Object> draft = invitation(d -> {
            OffsetDateTime start = OffsetDateTime.now().plusHours(3);
            meeting(d).put("start", start.toString());
            meeting(d).put("end", start.plusHours(2).toString());
        });
        Api.Response created = as("chuyenvien").post("/api/documents", draft);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("urgent").asBoolean()).isTrue();
        assertThat(created.json().get("warnings").get(0).asText()).contains("3 ngày làm việc");

        Map<String, Object> later = invitation(d -> {});
        assertThat(as("chuyenvien").post("/api/documents", later).json().get("warnings"))
                .isEmpty();
    }
}
