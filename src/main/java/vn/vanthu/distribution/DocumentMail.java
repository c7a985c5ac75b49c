package vn.vanthu.distribution;

import java.io.UnsupportedEncodingException;
import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.rendering.VietnameseDates;

/**
 * The email that carries an issued document: subject "[117-GM/ĐUK] title", an HTML and a
 * plain-text body from Thymeleaf templates, the signed PDF attached, and a Message-ID derived
 * from the delivery so that a duplicate, should one ever leave, can be recognised as such.
 */
@Component
public class DocumentMail {

    private final DocumentService documents;
    private final IssuedFiles files;
    private final OrganisationProperties settings;
    // SpEL-based (the plain TemplateEngine would need OGNL)
    private final SpringTemplateEngine templates = new SpringTemplateEngine();
    private final Session session = Session.getInstance(new java.util.Properties());
    private final InternetAddress from;

    DocumentMail(DocumentService documents, IssuedFiles files, OrganisationProperties settings,
                 @Value("${vanthu.mail.from}") String from) throws jakarta.mail.internet.AddressException {
        this.documents = documents;
        this.files = files;
        this.settings = settings;
        this.from = new InternetAddress(from, true);
        templates.addTemplateResolver(resolver(TemplateMode.HTML, ".html"));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt"));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setCacheable(true);
        return resolver;
    }

    public record Composed(MimeMessage mime, String messageId) {
    }

    Composed issued(Delivery delivery) {
        Document document = documents.get(delivery.documentId());
        DraftContent content = documents.currentVersion(document).content();
        byte[] pdf = files.load(document.getId())
                .orElseThrow(() -> new IllegalStateException("document " + document.getId() + " has no issued file"));
        Context model = new Context(Locale.forLanguageTag("vi"));
        model.setVariable("recipientName", delivery.name());
        model.setVariable("organisation", settings.organisation().name());
        model.setVariable("typeName", settings.type(document.getType()).name());
        model.setVariable("number", document.getNumber());
        model.setVariable("title", content.title());
        model.setVariable("urgent", document.isUrgent());
        model.setVariable("invitation", content.meeting() != null);
        if (content.meeting() != null) {
            model.setVariable("meetingTime", VietnameseDates.meetingTime(
                    content.meeting().start().atZone(OrganisationProperties.VIETNAM),
                    content.meeting().end().atZone(OrganisationProperties.VIETNAM)));
            model.setVariable("location", content.meeting().location());
            model.setVariable("chair", content.meeting().chair());
        }
        String messageId = "<vanthu." + document.getId() + "." + delivery.kind().name().toLowerCase(Locale.ROOT) + "."
                + delivery.position() + "@" + from.getAddress().substring(from.getAddress().indexOf('@') + 1) + ">";
        try {
            MimeMessage mime = new FixedIdMessage(session, messageId);
            MimeMessageHelper helper = new MimeMessageHelper(mime, MimeMessageHelper.MULTIPART_MODE_MIXED, "UTF-8");
            helper.setFrom(from);
            helper.setTo(new InternetAddress(delivery.email(), delivery.name(), "UTF-8"));
            helper.setSubject("[" + document.getNumber() + "] " + content.title());
            helper.setText(templates.process("document.txt", model), templates.process("document.html", model));
            helper.addAttachment(document.getNumber().replace('/', '-') + ".pdf", new ByteArrayResource(pdf), "application/pdf");
            if (document.isUrgent()) {
                mime.setHeader("Importance", "high");
                mime.setHeader("X-Priority", "1");
            }
            return new Composed(mime, messageId);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot compose the email for delivery " + delivery.id(), e);
        }
    }

    /** A MimeMessage whose Message-ID is ours instead of a random one made at send time. */
    static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
