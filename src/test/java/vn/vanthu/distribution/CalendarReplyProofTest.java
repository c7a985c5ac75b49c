package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * Hardening, round three: a calendar answer counts only from the invitee. Each invitation's event
 * carries its invitee's secret in the UID; a REPLY for invitee B with A's secret, or with the
 * guessable UID, or that the mail server marks dkim=fail, is kept as unverified with its sender and
 * shown to the clerks, never counted. Invitations sent before secrets still count a reply whose From
 * is the invitee.
 */
class CalendarReplyProofTest extends IntegrationTest {

    static final String OFFICE = MeetingAttendanceTest.OFFICE;

    final Flow flow = new Flow(this);

    @Autowired
    CalendarReplies replies;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void onlyTheInviteesOwnSecretCounts() throws Exception {
        String domain = Drafts.uniqueDomain();
        long id = flow.issue(Drafts.invitation("Hội nghị giao ban " + domain, domain, 3))
                .get("id")
                .asLong();
        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        Map<String, String> uids = MeetingAttendanceTest.uids(mails);
        String a = "nguoi1@" + domain;
        String b = "nguoi2@" + domain;
        String c = "nguoi3@" + domain;
        assertThat(uids.get(a)).matches("vanthu-" + id + "-[0-9a-f]{32}@vanthu.local");
        assertThat(uids.get(a)).isNotEqualTo(uids.get(b));

        // an attacker declines for B with A's secret, and with the guessable UID from B's own address
        MeetingAttendanceTest.send(
                mailServer,
                "attacker@evil.example",
                MeetingAttendanceTest.reply(uids.get(a), OFFICE, b, "DECLINED", "Bận"),
                null);
        MeetingAttendanceTest.send(
                mailServer,
                b,
                MeetingAttendanceTest.reply("vanthu-" + id + "@vanthu.local", OFFICE, b, "DECLINED", "Bận"),
                null);
        // B's own secret, but the office's server says the signature failed
        MeetingAttendanceTest.send(
                mailServer,
                b,
                MeetingAttendanceTest.reply(uids.get(b), OFFICE, b, "DECLINED", "Bận"),
                "mx.vanthu.local; dkim=fail header.d=" + domain + "; spf=pass");
        // C's own answer with C's own secret
        MeetingAttendanceTest.send(
                mailServer, c, MeetingAttendanceTest.reply(uids.get(c), OFFICE, c, "ACCEPTED", null), null);

        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    replies.poll();
                    return sheet(id).get("unverified").size() == 3 && "ATTENDING".equals(state(id, 3));
                });
        JsonNode sheet = sheet(id);
        assertThat(state(id, 2)).isEqualTo("NO_ANSWER");
        assertThat(sheet.get("counts").get("declined").asInt()).isZero();
        assertThat(sheet.get("counts").get("attending").asInt()).isEqualTo(1);
        assertThat(sheet.get("unverified").findValuesAsText("attendee")).containsOnly(b);
        assertThat(sheet.get("unverified").findValuesAsText("sender")).contains("attacker@evil.example", b);
        assertThat(sheet.get("unverified").findValuesAsText("note"))
                .anyMatch(n -> n.contains("DKIM"))
                .anyMatch(n -> n.contains(a));

        // the clerks see them on the attendance page; a drafter's JSON does not list them
        assertThat(as("vanthu").get("/van-ban/" + id + "/tham-du").text())
                .contains("chưa xác minh", "attacker@evil.example");
        assertThat(as("chuyenvien")
                        .get("/api/documents/" + id + "/attendance")
                        .ok()
                        .get("unverified"))
                .isEmpty();
    }

    @Test
    void anInvitationSentBeforeSecretsCountsOnlyARepliesFromTheInvitee() throws Exception {
        String domain = Drafts.uniqueDomain();
        long id = flow.issue(Drafts.invitation("Hội nghị sơ kết " + domain, domain, 2))
                .get("id")
                .asLong();
        Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30));
        // as if sent before V48: no secret, the plain UID
        jdbc.update("update delivery set reply_secret = null where document_id = ?", id);
        String plain = "vanthu-" + id + "@vanthu.local";
        String a = "nguoi1@" + domain;
        String b = "nguoi2@" + domain;

        assertThat(replies.handle(
                        "old-1-" + domain,
                        MeetingAttendanceTest.reply(plain, OFFICE, b, "DECLINED", null),
                        "attacker@evil.example"))
                .isEqualTo(CalendarReplies.Outcome.UNVERIFIED);
        assertThat(replies.handle(
                        "old-2-" + domain, MeetingAttendanceTest.reply(plain, OFFICE, a, "ACCEPTED", null), a))
                .isEqualTo(CalendarReplies.Outcome.RECORDED);
        assertThat(state(id, 1)).isEqualTo("ATTENDING");
        assertThat(state(id, 2)).isEqualTo("NO_ANSWER");
    }

    private JsonNode sheet(long id) {
        return as("vanthu").get("/api/documents/" + id + "/attendance").ok();
    }

    private String state(long id, int position) {
        for (JsonNode i : sheet(id).get("invitees")) {
            if (i.get("position").asInt() == position) {
                return i.get("state").asText();
            }
        }
        throw new AssertionError("no invitee " + position);
    }
}
