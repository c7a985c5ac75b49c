package vn.vanthu.distribution;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.signing.SigningKeyBlocked;
import vn.vanthu.signing.SigningPinChanged;

/**
 * Tells a leader what happened to their signing key, so that someone else's hand on it does not go
 * unnoticed: wrong PINs blocked it (someone may be trying to sign as them), or its PIN was changed
 * (if not by them, someone knows their PIN). The key's state holds whether or not the email
 * leaves; a failure is logged.
 */
@Component
class SigningKeyNotices {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyNotices.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final JavaMailSender sender;
    private final Directory directory;
    private final String from;

    SigningKeyNotices(JavaMailSender sender, Directory directory, MailSettings mail) {
        this.sender = sender;
        this.directory = directory;
        this.from = mail.from();
    }

    @EventListener
    void onBlocked(SigningKeyBlocked blocked) {
        tell(
                blocked.userId(),
                "[Cảnh báo] Khóa ký số của đồng chí bị tạm khóa",
                "Mã PIN ký số của đồng chí đã bị nhập sai " + blocked.failures() + " lần liên tiếp. "
                        + "Khóa ký số được tạm khóa đến " + time(blocked.until())
                        + ".\nNếu không phải đồng chí nhập, đề nghị báo ngay cho Văn phòng và đổi mã PIN.");
    }

    @EventListener
    void onPinChanged(SigningPinChanged changed) {
        tell(
                changed.userId(),
                "[Thông báo] Mã PIN ký số của đồng chí vừa được đổi",
                "Mã PIN ký số của đồng chí vừa được đổi lúc " + time(changed.at()) + ". "
                        + "Từ nay, khi ký ban hành văn bản, đồng chí dùng mã PIN mới.\n"
                        + "Nếu không phải đồng chí đổi, đề nghị báo ngay cho Văn phòng: người khác có thể đã "
                        + "biết mã PIN của đồng chí.");
    }

    private void tell(String userId, String subject, String text) {
        String email = directory.user(userId).map(u -> u.getEmail()).orElse(null);
        if (email == null || email.isBlank()) {
            log.warn("{}: user {} has no email address to tell", subject, userId);
            return;
        }
        String name = directory.fullName(userId);
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            // RFC 2047-encoded names: a configured "Văn phòng <…>" parsed as is would leave raw 8-bit bytes
            InternetAddress configured = new InternetAddress(from, true);
            helper.setFrom(new InternetAddress(configured.getAddress(), configured.getPersonal(), "UTF-8"));
            helper.setTo(new InternetAddress(email, name, "UTF-8"));
            helper.setSubject(subject);
            helper.setText("Kính gửi đồng chí " + name + ",\n\n" + text + "\n\nHệ thống Văn thư\n");
            sender.send(mime);
        } catch (MessagingException | java.io.UnsupportedEncodingException | MailException e) {
            log.error("Cannot email {}: {}", userId, subject, e);
        }
    }

    private static String time(Instant at) {
        return TIME.format(at.atZone(OrganisationProperties.VIETNAM));
    }
}
