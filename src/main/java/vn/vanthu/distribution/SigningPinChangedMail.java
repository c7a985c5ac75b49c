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
import vn.vanthu.signing.SigningPinChanged;

/** Tells a leader that their signing PIN was changed: if it was not them, someone knows their PIN. */
@Component
class SigningPinChangedMail {

    private static final Logger log = LoggerFactory.getLogger(SigningPinChangedMail.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final JavaMailSender sender;
    private final Directory directory;
    private final String from;

    SigningPinChangedMail(JavaMailSender sender, Directory directory, @Value("${vanthu.mail.from}") String from) {
        this.sender = sender;
        this.directory = directory;
        this.from = from;
    }

    @EventListener
    void onChanged(SigningPinChanged changed) {
        String email = directory.user(changed.userId()).map(u -> u.getEmail()).orElse(null);
        if (email == null || email.isBlank()) {
            log.warn("Signing PIN of {} changed; the user has no email address to tell", changed.userId());
            return;
        }
        String name = directory.fullName(changed.userId());
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            InternetAddress configured = new InternetAddress(from, true);
            helper.setFrom(new InternetAddress(configured.getAddress(), configured.getPersonal(), "UTF-8"));
            helper.setTo(new InternetAddress(email, name, "UTF-8"));
            helper.setSubject("[Thông báo] Mã PIN ký số của đồng chí vừa được đổi");
            helper.setText("Kính gửi đồng chí " + name + ",\n\n"
                    + "Mã PIN ký số của đồng chí vừa được đổi lúc "
                    + TIME.format(changed.at().atZone(OrganisationProperties.VIETNAM)) + ". "
                    + "Từ nay, khi ký ban hành văn bản, đồng chí dùng mã PIN mới.\n"
                    + "Nếu không phải đồng chí đổi, đề nghị báo ngay cho Văn phòng: người khác có thể đã biết mã PIN của đồng chí.\n\n"
                    + "Hệ thống Văn thư\n");
            sender.send(mime);
        } catch (MessagingException | java.io.UnsupportedEncodingException | MailException e) {
            // the new PIN holds whether or not the email leaves; the log keeps the fact
            log.error("Cannot email {} that their signing PIN was changed", changed.userId(), e);
        }
    }
}
