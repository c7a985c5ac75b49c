package vn.vanthu.distribution;

import java.time.format.DateTimeFormatter;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.signing.SigningKeyBlocked;

/** Tells a leader that wrong PINs blocked their signing key: someone may be trying to sign as them. */
@Component
class SigningKeyBlockedMail {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyBlockedMail.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final JavaMailSender sender;
    private final Directory directory;
    private final String from;

    SigningKeyBlockedMail(JavaMailSender sender, Directory directory, @Value("${vanthu.mail.from}") String from) {
        this.sender = sender;
        this.directory = directory;
        this.from = from;
    }

    @EventListener
    void onBlocked(SigningKeyBlocked blocked) {
        String email = directory.user(blocked.userId()).map(u -> u.getEmail()).orElse(null);
        if (email == null || email.isBlank()) {
            log.warn("Signing key of {} blocked; the user has no email address to tell", blocked.userId());
            return;
        }
        String name = directory.fullName(blocked.userId());
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            InternetAddress configured = new InternetAddress(from, true);
            helper.setFrom(new InternetAddress(configured.getAddress(), configured.getPersonal(), "UTF-8"));
            helper.setTo(new InternetAddress(email, name, "UTF-8"));
            helper.setSubject("[Cảnh báo] Khóa ký số của đồng chí bị tạm khóa");
            helper.setText("Kính gửi đồng chí " + name + ",\n\n"
                    + "Mã PIN ký số của đồng chí đã bị nhập sai " + blocked.failures() + " lần liên tiếp. "
                    + "Khóa ký số được tạm khóa đến " + TIME.format(blocked.until().atZone(OrganisationProperties.VIETNAM))
                    + ".\nNếu không phải đồng chí nhập, đề nghị báo ngay cho Văn phòng và đổi mã PIN.\n\n"
                    + "Hệ thống Văn thư\n");
            sender.send(mime);
        } catch (MessagingException | java.io.UnsupportedEncodingException | MailException e) {
            // the block holds whether or not the email leaves; the log keeps the fact
            log.error("Cannot email {} that their signing key is blocked", blocked.userId(), e);
        }
    }
}
