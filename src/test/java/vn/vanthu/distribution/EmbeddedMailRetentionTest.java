package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Mailbox;

/** The in-process mail server's retention, against a real GreenMail receiving over SMTP. */
class EmbeddedMailRetentionTest {

    GreenMail server;

    @BeforeEach
    void start() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    void send(String to, String subject) throws Exception {
        GreenMailUtil.sendTextEmail(
                to, "vanphong@vanthu.local", subject, "body", server.getSmtp().getServerSetup());
        // distinct received times, so "oldest" is well defined: the clock has passed this one's
        long received = Arrays.stream(server.getReceivedMessages())
                .mapToLong(m -> receivedMillis(m))
                .max()
                .orElseThrow();
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(1))
                .until(() -> System.currentTimeMillis() > received);
    }

    static long receivedMillis(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getReceivedDate().getTime();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> subjects(String to) throws Exception {
        return Arrays.stream(server.getReceivedMessagesForDomain(to))
                .map(Mailbox::subject)
                .toList();
    }

    @Test
    void removesTheOldestMessagesBeyondTheLimitAcrossMailboxes() throws Exception {
        try (EmbeddedMailRetention retention = new EmbeddedMailRetention(server, 4, Duration.ofHours(1))) {
            send("an@a.vn", "1");
            send("binh@b.vn", "2");
            send("an@a.vn", "3");
            send("binh@b.vn", "4");
            send("an@a.vn", "5");
            send("chi@c.vn", "6");

            assertThat(retention.trim()).isEqualTo(2);

            assertThat(server.getReceivedMessages()).hasSize(4);
            assertThat(subjects("an@a.vn")).containsExactly("3", "5");
            assertThat(subjects("binh@b.vn")).containsExactly("4");
            assertThat(subjects("chi@c.vn")).containsExactly("6");
            assertThat(retention.trim()).isZero();
        }
    }

    @Test
    void trimsOnItsOwnEveryInterval() throws Exception {
        try (EmbeddedMailRetention retention = new EmbeddedMailRetention(server, 1, Duration.ofMillis(50))) {
            send("an@a.vn", "1");
            send("an@a.vn", "2");
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> server.getReceivedMessages().length <= 1);
            assertThat(subjects("an@a.vn")).containsExactly("2");
        }
    }

    @Test
    void aRoundOverThousandsOfMailboxesIsCheap() throws Exception {
        // a 2,000-recipient invitation leaves 2,000 mailboxes; the check runs every 30 s beside it
        // (put straight into the mailboxes: 2,000 SMTP sessions would take most of a minute)
        for (int i = 0; i < 2000; i++) {
            String to = "nguoi" + i + "@x.vn";
            server.setUser(to, to, "x")
                    .deliver(GreenMailUtil.createTextEmail(
                            to,
                            "vanphong@vanthu.local",
                            "GM " + i,
                            "body",
                            server.getSmtp().getServerSetup()));
        }
        try (EmbeddedMailRetention retention = new EmbeddedMailRetention(server, 1000, Duration.ofHours(1))) {
            long start = System.nanoTime();
            assertThat(retention.trim()).isEqualTo(1000);
            long trimMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(server.getReceivedMessages()).hasSize(1000);
            assertThat(server.getReceivedMessagesForDomain("nguoi0@x.vn")).isEmpty();
            assertThat(server.getReceivedMessagesForDomain("nguoi1999@x.vn")).hasSize(1);
            System.out.println("trim of 2,000 messages in 2,000 mailboxes: " + trimMillis + " ms");
        }
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new EmbeddedMailRetention(server, 0, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep-messages");
    }
}
