package vn.vanthu.distribution;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.rendering.VietnameseDates;
import vn.vanthu.system.PdfDownloads;

/**
 * The emails about an issued document, one recipient each: the document itself (subject
 * "[117-GM/ĐUK] title", HTML and plain text from Thymeleaf templates, the signed PDF attached,
 * for an invitation a calendar REQUEST), the meeting reminder and the recall notice (with a
 * calendar CANCEL). The Message-ID is derived from the delivery, so that a duplicate, should one
 * ever leave, is recognisable as such.
 */
@Component
public class DocumentMail {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final DocumentService documents;
    private final IssuedFiles files;
    private final OrganisationProperties settings;
    private final RecipientLinks links;
    private final Clock clock;
    // SpEL-based (the plain TemplateEngine would need OGNL)
    private final SpringTemplateEngine templates = new SpringTemplateEngine();
    private final Session session = Session.getInstance(new java.util.Properties());
    private final InternetAddress from;
    private final String domain;

    DocumentMail(DocumentService documents, IssuedFiles files, OrganisationProperties settings, RecipientLinks links,
                 Clock clock, MailSettings mail) {
        this.documents = documents;
        this.files = files;
        this.settings = settings;
        this.links = links;
        this.clock = clock;
        this.from = mail.sender();
        this.domain = this.from.getAddress().substring(this.from.getAddress().indexOf('@') + 1);
        templates.addTemplateResolver(resolver(TemplateMode.HTML, ".html"));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, ".txt"));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setResolvablePatterns(Set.of("*" + suffix));
        resolver.setCacheable(true);
        return resolver;
    }

    public record Composed(MimeMessage mime, String messageId) {
    }

    /**
     * The email for this delivery. Personal links get a fresh token (stored before sending, so
     * a click that comes at once already works).
     */
    Composed compose(Delivery delivery, String recallReason) {
        return compose(delivery, recallReason, null);
    }

    /** recallBasis: the decision a recall rests on, "theo Công văn số … ngày … của …"; null if none recorded. */
    Composed compose(Delivery delivery, String recallReason, String recallBasis) {
        Document document = documents.get(delivery.documentId());
        DraftContent content = documents.currentVersion(document).content();
        boolean invitation = content.meeting() != null;
        Context model = new Context(VIETNAMESE);
        model.setVariable("kind", delivery.kind().name());
        model.setVariable("recipientName", delivery.name());
        model.setVariable("organisation", settings.organisation().name());
        model.setVariable("typeName", settings.type(document.getType()).name());
        model.setVariable("number", document.getNumber());
        model.setVariable("title", content.title());
        // the level the drafter chose, printed on the document, first in every subject
        String urgency = content.urgency() == null ? null : content.urgency().label();
        model.setVariable("urgent", urgency != null);
        model.setVariable("urgency", urgency);
        model.setVariable("invitation", invitation);
        model.setVariable("recallReason", recallReason);
        model.setVariable("recallBasis", recallBasis);
        if (invitation) {
            model.setVariable("meetingTime", VietnameseDates.meetingTime(
                    content.meeting().start().atZone(OrganisationProperties.VIETNAM),
                    content.meeting().end().atZone(OrganisationProperties.VIETNAM)));
            model.setVariable("location", content.meeting().location());
            model.setVariable("chair", content.meeting().chair());
        }
        if (delivery.kind() != Delivery.Kind.RECALL) {
            String token = links.create(delivery.documentId(), delivery.position());
            model.setVariable("links", invitation
                    ? Map.of("receipt", links.url(token, "receipt"), "attend", links.url(token, "attend"),
                            "decline", links.url(token, "decline"), "delegate", links.url(token, "delegate"))
                    : Map.of("receipt", links.url(token, "receipt")));
        }
        String template = delivery.kind().name().toLowerCase(Locale.ROOT);
        String subject = (urgency == null ? "" : urgency + " ") + switch (delivery.kind()) {
            case ISSUE -> "[" + document.getNumber() + "] " + content.title();
            case REMINDER -> "[Nhắc lịch họp] [" + document.getNumber() + "] " + content.title();
            case RECALL -> "[Thu hồi] [" + document.getNumber() + "] " + content.title();
        };
        String messageId = "<vanthu." + document.getId() + "." + template + "." + delivery.position() + "@" + domain + ">";
        try {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(templates.process(template + ".txt", model), "text/plain; charset=UTF-8"));
            alternative.addBodyPart(textPart(templates.process(template + ".html", model), "text/html; charset=UTF-8"));
            if (invitation && delivery.kind() != Delivery.Kind.REMINDER) {
                alternative.addBodyPart(calendarPart(document, content, delivery));
            }
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            if (delivery.kind() == Delivery.Kind.ISSUE) {
                byte[] pdf = files.load(document.getId()).orElseThrow(() ->
                        new IllegalStateException("document " + document.getId() + " has no issued file"));
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
                attachment.setFileName(PdfDownloads.fileName(document.getNumber())); // RFC 2231 for the Đ
                attachment.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(attachment);
            }
            MimeMessage mime = new FixedIdMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(delivery.email(), delivery.name(), "UTF-8"));
            mime.setSubject(subject, "UTF-8");
            mime.setSentDate(java.util.Date.from(clock.instant()));
            mime.setContent(mixed);
            if (urgency != null && delivery.kind() == Delivery.Kind.ISSUE) {
                mime.setHeader("Importance", "high");
                mime.setHeader("X-Priority", "1");
            }
            return new Composed(mime, messageId);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot compose the email for delivery " + delivery.id(), e);
        }
    }

    private MimeBodyPart calendarPart(Document document, DraftContent content, Delivery delivery) throws MessagingException {
        InvitationCalendar.Meeting meeting = new InvitationCalendar.Meeting(
                "vanthu-" + document.getId() + "@" + domain,
                document.getNumber() + " " + content.title(),
                content.meeting().start(), content.meeting().end(), content.meeting().location(),
                content.meeting().chair() == null ? null : "Chủ trì: " + content.meeting().chair());
        InvitationCalendar.Person organizer = new InvitationCalendar.Person(settings.organisation().name(), from.getAddress());
        InvitationCalendar.Person attendee = new InvitationCalendar.Person(delivery.name(), delivery.email());
        boolean cancel = delivery.kind() == Delivery.Kind.RECALL;
        String ics = cancel ? InvitationCalendar.cancel(meeting, organizer, attendee, clock.instant())
                : InvitationCalendar.request(meeting, organizer, attendee, clock.instant());
        // the method parameter must match METHOD inside, or clients drop the accept/decline buttons
        return textPart(ics, "text/calendar; charset=UTF-8; method=" + (cancel ? "CANCEL" : "REQUEST"));
    }

    private static MimeBodyPart textPart(String text, String contentType) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(text, contentType);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
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
