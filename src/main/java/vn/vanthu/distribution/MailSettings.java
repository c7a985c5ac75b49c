package vn.vanthu.distribution;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.mail.*} (the SMTP connection pool is {@code vanthu.mail.connections}, in
 * {@link MailConnectionSettings}).
 *
 * @param from     the office's sender: {@code "Name <address>"}; checked at start-up
 * @param embedded the in-process GreenMail server of the embedded default (no spring.mail.host)
 */
@ConfigurationProperties("vanthu.mail")
record MailSettings(String from, @DefaultValue Embedded embedded) {

    /**
     * @param smtpPort     its SMTP port (0: any free one)
     * @param imapPort     its IMAP port (0: any free one)
     * @param keepMessages it holds every email in memory: beyond this many, the oldest go
     * @param trimEvery    how often it drops the oldest
     */
    public record Embedded(
            @DefaultValue("3025") int smtpPort,
            @DefaultValue("3143") int imapPort,
            @DefaultValue("2000") int keepMessages,
            @DefaultValue("PT30S") Duration trimEvery) {}

    public MailSettings {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException(
                    "vanthu.mail.from: the office's sender, e.g. \"Văn phòng <vp@example.vn>\"");
        }
        try {
            new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("vanthu.mail.from is not an email address: " + from, e);
        }
    }

    /**
     * The sender as an address whose name is encoded as RFC 2047 asks (UTF-8): a parsed
     * "Văn phòng <x@y>" would keep raw 8-bit bytes in the From header, which strict relays refuse.
     */
    public InternetAddress sender() {
        try {
            InternetAddress parsed = new InternetAddress(from, true);
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // checked in the constructor; UTF-8 always exists
        }
    }
}
