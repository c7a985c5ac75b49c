package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import vn.vanthu.support.TinySmtpServer;

/** Kept-open SMTP connections against a real (small) SMTP server that counts connections. */
class PooledMailSenderTest {

    TinySmtpServer server;
    PooledMailSender sender;

    @BeforeEach
    void start() throws Exception {
        server = new TinySmtpServer(address -> address.startsWith("refused"));
        sender = sender(8, Duration.ofSeconds(30), 100);
        sender.setPort(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        sender.destroy();
        server.close();
    }

    PooledMailSender sender(int maxIdle, Duration idleTimeout, int maxMessages) {
        PooledMailSender s = new PooledMailSender(maxIdle, idleTimeout, maxMessages);
        s.setHost("127.0.0.1");
        Properties properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "2000");
        properties.put("mail.smtp.timeout", "2000");
        s.setJavaMailProperties(properties);
        return s;
    }

    MimeMessage message(PooledMailSender s, String to, String subject) throws Exception {
        MimeMessage message = s.createMimeMessage();
        message.setFrom("vanphong@vanthu.local");
        message.setRecipients(MimeMessage.RecipientType.TO, to);
        message.setSubject(subject, "UTF-8");
        message.setText("Nội dung " + subject, "UTF-8");
        return message;
    }

    @Test
    void consecutiveEmailsShareOneConnectionAndKeepTheirMessageId() throws Exception {
        for (int i = 1; i <= 3; i++) {
            MimeMessage message = message(sender, "nguoi" + i + "@x.vn", "Thư " + i);
            message.setHeader("Message-ID", "<fixed-" + i + "@vanthu.local>");
            sender.send(message);
        }
        assertThat(server.accepted())
                .extracting(TinySmtpServer.Accepted::recipient)
                .containsExactly("nguoi1@x.vn", "nguoi2@x.vn", "nguoi3@x.vn");
        assertThat(server.accepted().get(1).data()).contains("Message-ID: <fixed-2@vanthu.local>");
        assertThat(server.connections()).isEqualTo(1);
        assertThat(sender.idleConnections()).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedBeforeTheNextEmail() throws Exception {
        sender.send(message(sender, "a@x.vn", "Một"));
        server.dropConnections();
        sender.send(message(sender, "b@x.vn", "Hai")); // NOOP fails on the dropped one: a new connection
        assertThat(server.accepted())
                .extracting(TinySmtpServer.Accepted::recipient)
                .containsExactly("a@x.vn", "b@x.vn");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void aRefusedRecipientFailsItsOwnSendPermanentlyAndItsConnectionIsNotReused() throws Exception {
        sender.send(message(sender, "a@x.vn", "Một"));
        assertThatThrownBy(() -> sender.send(message(sender, "refused@x.vn", "Hai")))
                .isInstanceOf(MailSendException.class)
                .satisfies(
                        e -> assertThat(DeliveryService.isPermanentRefusal(e)).isTrue());
        assertThat(sender.idleConnections()).isZero();
        sender.send(message(sender, "c@x.vn", "Ba"));
        assertThat(server.accepted())
                .extracting(TinySmtpServer.Accepted::recipient)
                .containsExactly("a@x.vn", "c@x.vn");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void anotherServerGetsItsOwnConnectionAndAnUnreachableOneFailsAsAnOutage() throws Exception {
        sender.send(message(sender, "a@x.vn", "Một"));
        try (TinySmtpServer other = new TinySmtpServer(address -> false)) {
            sender.setPort(other.port());
            sender.send(message(sender, "b@x.vn", "Hai"));
            assertThat(other.accepted())
                    .extracting(TinySmtpServer.Accepted::recipient)
                    .containsExactly("b@x.vn");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nobody listens there once it is closed
        }
        sender.setPort(closedPort);
        assertThatThrownBy(() -> sender.send(message(sender, "c@x.vn", "Ba")))
                .isInstanceOf(MailSendException.class)
                .satisfies(
                        e -> assertThat(DeliveryService.isPermanentRefusal(e)).isFalse());
    }

    @Test
    void aConnectionIsRenewedAfterItsMaximumNumberOfMessages() throws Exception {
        PooledMailSender limited = sender(8, Duration.ofSeconds(30), 2);
        limited.setPort(server.port());
        try {
            for (int i = 1; i <= 5; i++) {
                limited.send(message(limited, "nguoi" + i + "@x.vn", "Thư " + i));
            }
        } finally {
            limited.destroy();
        }
        assertThat(server.accepted()).hasSize(5);
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void smtpSocketsAreMadeWithoutNagleUnlessTheConfigurationNamesItsOwnFactory() {
        assertThat(sender.getSession().getProperties().get("mail.smtp.socketFactory"))
                .isSameAs(NoDelaySocketFactory.INSTANCE);
        PooledMailSender own = sender(8, Duration.ofSeconds(30), 100);
        Properties properties = new Properties();
        properties.put("mail.smtp.socketFactory.class", "javax.net.DefaultSocketFactory");
        own.setJavaMailProperties(properties);
        assertThat(own.getSession().getProperties().get("mail.smtp.socketFactory"))
                .isNull();
        PooledMailSender smtps = sender(8, Duration.ofSeconds(30), 100);
        smtps.setProtocol("smtps");
        smtps.setJavaMailProperties(new Properties());
        assertThat(smtps.getSession().getProperties())
                .doesNotContainKeys("mail.smtps.socketFactory", "mail.smtp.socketFactory");
    }

    @Test
    void withNoIdleConnectionsAllowedEveryEmailHasItsOwnConnection() throws Exception {
        PooledMailSender unpooled = sender(0, Duration.ofSeconds(30), 100);
        unpooled.setPort(server.port());
        unpooled.send(message(unpooled, "a@x.vn", "Một"));
        unpooled.send(message(unpooled, "b@x.vn", "Hai"));
        assertThat(server.connections()).isEqualTo(2);
        assertThat(unpooled.idleConnections()).isZero();
    }
}
