package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import vn.vanthu.signing.SigningKeyBlocked;
import vn.vanthu.signing.SigningPinChanged;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/** The leader hears of what happened to their key, in an email to their own address. */
class SigningKeyNoticesTest extends IntegrationTest {

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aBlockedKeyAndAChangedPinAreToldToTheirOwner() throws Exception {
        events.publishEvent(new SigningKeyBlocked("phobithu", 5, Instant.parse("2026-11-28T03:30:00Z")));
        events.publishEvent(new SigningPinChanged("phobithu", Instant.parse("2026-11-28T04:00:00Z")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> toPhobithu().stream().anyMatch(m -> text(m).contains("10:30 ngày 28/11/2026")));
        MimeMessage blocked = toPhobithu().stream()
                .filter(m -> Mailbox.subject(m).contains("bị tạm khóa") && text(m).contains("10:30 ngày 28/11/2026"))
                .findFirst()
                .orElseThrow();
        assertThat(text(blocked)).contains("nhập sai 5 lần liên tiếp", "Lê Thị Hằng");
        MimeMessage changed = toPhobithu().stream()
                .filter(m -> Mailbox.subject(m).contains("vừa được đổi") && text(m).contains("11:00 ngày 28/11/2026"))
                .findFirst()
                .orElseThrow();
        // the sender's Vietnamese name is RFC 2047-encoded, not raw 8-bit
        assertThat(changed.getHeader("From")[0]).startsWith("=?UTF-8?");
    }

    private List<MimeMessage> toPhobithu() {
        return Arrays.stream(mailServer.getReceivedMessages())
                .filter(m -> "phobithu@vanthu.local".equals(Mailbox.recipient(m)))
                .toList();
    }

    private static String text(MimeMessage m) {
        try {
            return Mailbox.text(m, "text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
