package vn.vanthu.distribution;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import vn.vanthu.config.InstallationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;

/** Emails a leader whose signature a document has been waiting for too long. */
@Component
public class SignerReminder {

    private static final Logger log = LoggerFactory.getLogger(SignerReminder.class);

    private final JavaMailSender sender;
    private final Directory directory;
    private final DocumentService documents;
    private final InternetAddress from;
    private final String publicUrl;

    SignerReminder(
            JavaMailSender sender,
            Directory directory,
            DocumentService documents,
            MailSettings mail,
            InstallationProperties installation) {
        this.sender = sender;
        this.directory = directory;
        this.documents = documents;
        this.from = mail.sender();
        this.publicUrl = installation.publicUrl();
    }

    public void remind(Long documentId, String signerId) {
        String email = directory.user(signerId).map(u -> u.getEmail()).orElse(null);
        if (email == null || email.isBlank()) {
            log.warn("Signer {} has no email address: no reminder for document {}", signerId, documentId);
            return;
        }
        Document document = documents.get(documentId);
        String title = documents.currentVersion(document).getTitle();
        try {
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(new InternetAddress(email, directory.fullName(signerId), "UTF-8"));
            helper.setSubject("[Nhắc việc] Văn bản chờ đồng chí ký: " + title);
            helper.setText("Kính gửi đồng chí " + directory.fullName(signerId) + ",\n\n"
                    + "Văn bản \"" + title + "\" đang chờ đồng chí ký ban hành.\n"
                    + "Xem và ký tại: " + publicUrl + "/\n\n"
                    + "Hệ thống Văn thư\n");
            sender.send(mime);
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot compose the reminder for document " + documentId, e);
        }
    }
}
