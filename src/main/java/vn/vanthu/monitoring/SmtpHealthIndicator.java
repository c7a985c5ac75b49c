package vn.vanthu.monitoring;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * "smtp": the mail server the emails go to (the relay in production, the in-process one otherwise)
 * accepts a connection and greets with 220. Only that: no sign-in and no message (Spring Boot's own
 * "mail" check signs in on every call, and is switched off). For implicit TLS (smtps) only the
 * connection is checked.
 */
@Component
class SmtpHealthIndicator extends AbstractHealthIndicator {

    private final JavaMailSender sender;
    private final MonitoringSettings settings;

    SmtpHealthIndicator(JavaMailSender sender, MonitoringSettings settings) {
        super("SMTP check failed");
        this.sender = sender;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        if (!(sender instanceof JavaMailSenderImpl mail) || mail.getHost() == null) {
            builder.unknown().withDetail("reason", "no SMTP server configured");
            return;
        }
        String protocol = mail.getProtocol() == null ? "smtp" : mail.getProtocol();
        int port = mail.getPort() > 0 ? mail.getPort() : ("smtps".equals(protocol) ? 465 : 25);
        builder.withDetail("server", mail.getHost() + ":" + port);
        int timeout = (int) settings.smtpTimeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(mail.getHost(), port), timeout);
            socket.setSoTimeout(timeout);
            if ("smtps".equals(protocol)) {
                builder.up();
                return;
            }
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (greeting != null && greeting.startsWith("220")) {
                builder.up();
            } else {
                builder.down().withDetail("greeting", String.valueOf(greeting));
            }
        }
    }
}
