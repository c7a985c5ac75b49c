package vn.vanthu.distribution;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * A short plain-text email to a member of staff (a task waiting for them), through the same
 * sender and From as the documents' emails. A failure is logged and dropped: the task waits in
 * "Việc cần làm" whether or not the email leaves.
 */
@Component
public class StaffMail {

    private static final Logger log = LoggerFactory.getLogger(StaffMail.class);

    private final JavaMailSender sender;
    private final InternetAddress from;

    StaffMail(JavaMailSender sender, MailSettings mail) {
        this.sender = sender;
        this.from = mail.sender();
    }

    /** Returns whether the server accepted the email. */
    public boolean send(String email, String name, String subject, String text) {
        if (email == null || email.isBlank()) {
            return false;
        }
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from); // its name RFC 2047-encoded (MailSettings.sender)
            helper.setTo(new InternetAddress(email, name, "UTF-8"));
            helper.setSubject(subject);
            helper.setText(text);
            sender.send(mime);
            return true;
        } catch (MessagingException | java.io.UnsupportedEncodingException | MailException e) {
            log.error("Cannot email {}: {}", email, subject, e);
            return false;
        }
    }
}
