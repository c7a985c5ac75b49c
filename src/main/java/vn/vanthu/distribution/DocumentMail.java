package vn.vanthu.distribution;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.RecipientKinds;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.document.MeetingPapers;
import vn.vanthu.rendering.VietnameseDates;
import vn.vanthu.system.Downloads;

/**
 * The emails about an issued document, one recipient each: the document itself (subject
 * "[117-GM/ĐUK] title", HTML and plain text from Thymeleaf templates, the signed PDF attached,
 * for an invitation a calendar REQUEST), the meeting reminder and the recall notice (with a
 * calendar CANCEL). The Message-ID is derived from the delivery, so that a duplicate, should one
 * ever leave, is recognisable as such.
 */
@Component
class DocumentMail {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final DocumentService documents;
    private final IssuedFiles files;
    private final OrganisationProperties settings;
    private final RecipientLinks links;
    private final RecipientKinds kinds;
    private final MeetingPapers papers;
    private final Deliveries deliveries;
    private final Clock clock;
    // SpEL-based (the plain TemplateEngine would need OGNL)
    private final SpringTemplateEngine templates = new SpringTemplateEngine();
    private final Session session = Session.getInstance(new java.util.Properties());
    private final InternetAddress from;
    private final String domain;

    DocumentMail(
            DocumentService documents,
            IssuedFiles files,
            OrganisationProperties settings,
            RecipientLinks links,
            RecipientKinds kinds,
            MeetingPapers papers,
            Deliveries deliveries,
            Clock clock,
            MailSettings mail) {
        this.deliveries = deliveries;
        this.documents = documents;
        this.files = files;
        this.settings = settings;
        this.links = links;
        this.kinds = kinds;
        this.papers = papers;
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

    /** A meeting paper as the email lists it; link: null when the paper is attached. */
    public record PaperLine(String name, String size, String link) {}

    public record Composed(MimeMessage mime, String messageId) {}

    /**
     * The email for this delivery. Personal links get a fresh token (stored before sending, so
     * a click that comes at once already works).
     */
    Composed compose(Delivery delivery, String recallReason) {
        return compose(delivery, recallReason, null, false);
    }

    /** recallBasis: the decision a recall rests on, "theo Công văn số … ngày … của …"; null if none recorded. */
    Composed compose(Delivery delivery, String recallReason, String recallBasis) {
        return compose(delivery, recallReason, recallBasis, false);
    }

    /**
     * "Nhắc người chưa trả lời": to an invitee (their ISSUE delivery) who has not answered, with
     * fresh answer links; no attachment, no calendar part, a Message-ID of its own each time.
     */
    Composed composeAnswerReminder(Delivery issue) {
        return compose(issue, null, null, true);
    }

    private Composed compose(Delivery delivery, String recallReason, String recallBasis, boolean answerReminder) {
        Document document = documents.get(delivery.documentId());
        DraftContent content = documents.currentVersion(document).content();
        boolean invitation = content.meeting() != null;
        Context model = new Context(VIETNAMESE);
        model.setVariable("kind", delivery.kind().name());
        model.setVariable("recipientName", delivery.name());
        // a unit is addressed as a unit ("quý cơ quan"), a person as "đồng chí"
        model.setVariable("you", unit(delivery) ? "quý cơ quan" : "đồng chí");
        model.setVariable("body", content.body());
        // "# 1. Nội dung" is a heading: the mark never reaches the reader (MailBody)
        model.setVariable("bodyLines", MailBody.lines(content.body()));
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
            model.setVariable(
                    "meetingTime",
                    VietnameseDates.meetingTime(
                            content.meeting().start().atZone(OrganisationProperties.VIETNAM),
                            content.meeting().end().atZone(OrganisationProperties.VIETNAM)));
            model.setVariable("location", content.meeting().location());
            model.setVariable("invitees", content.meeting().invitees());
            model.setVariable(
                    "invitationLine", MailBody.invitationLine(delivery.name(), unit(delivery), content.title()));
            model.setVariable("allowSubstitute", content.meeting().allowSubstitute());
            model.setVariable("chair", content.meeting().chair());
            model.setVariable("preparation", content.meeting().preparation());
            model.setVariable("contact", content.meeting().contact());
            model.setVariable(
                    "replyBy",
                    content.meeting().replyBy() == null
                            ? null
                            : VietnameseDates.meetingTime(
                                    content.meeting().replyBy().atZone(OrganisationProperties.VIETNAM), null));
        }
        List<MeetingPapers.Paper> papers = delivery.kind() == Delivery.Kind.ISSUE && !answerReminder
                ? this.papers.list(document.getId())
                : List.of();
        List<PaperLine> paperLines = new ArrayList<>();
        model.setVariable("papers", paperLines);
        String token = null;
        if (delivery.kind() != Delivery.Kind.RECALL) {
            token = links.create(delivery.documentId(), delivery.position());
            // a large paper is a personal link (the recipient's own token, valid as long as the others)
            for (MeetingPapers.Paper p : papers) {
                paperLines.add(new PaperLine(
                        p.name(), p.sizeText(), attachable(p) ? null : links.url(token, "tai-lieu/" + p.id())));
            }
            model.setVariable(
                    "links",
                    invitation
                            ? Map.of(
                                    "receipt",
                                    links.url(token, "receipt"),
                                    "attend",
                                    links.url(token, "attend"),
                                    "decline",
                                    links.url(token, "decline"),
                                    // offered only where the draft allows a substitute (the templates ask
                                    // allowSubstitute)
                                    "delegate",
                                    content.meeting().allowSubstitute() ? links.url(token, "delegate") : "")
                            : Map.of("receipt", links.url(token, "receipt")));
        }
        String template =
                answerReminder ? "answer-reminder" : delivery.kind().name().toLowerCase(Locale.ROOT);
        String subject = (urgency == null || answerReminder ? "" : urgency + " ")
                + (answerReminder
                        ? "[Đề nghị trả lời] [" + document.getNumber() + "] " + content.title()
                        : switch (delivery.kind()) {
                            case ISSUE ->
                                "[" + document.getNumber() + "] "
                                        + subjectTitle(
                                                settings.type(document.getType())
                                                        .name(),
                                                content.title());
                            case REMINDER -> "[Nhắc lịch họp] [" + document.getNumber() + "] " + content.title();
                            case RECALL -> "[Thu hồi] [" + document.getNumber() + "] " + content.title();
                        });
        String messageId = "<vanthu." + document.getId() + "." + template + "." + delivery.position()
                + (answerReminder ? "." + java.util.UUID.randomUUID() : "") + "@" + domain + ">";
        try {
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(templates.process(template + ".txt", model), "text/plain; charset=UTF-8"));
            alternative.addBodyPart(textPart(templates.process(template + ".html", model), "text/html; charset=UTF-8"));
            if (invitation && delivery.kind() != Delivery.Kind.REMINDER && !answerReminder) {
                alternative.addBodyPart(
                        calendarPart(document, content, delivery, documentLink(document, content, token)));
            }
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            if (delivery.kind() == Delivery.Kind.ISSUE && !answerReminder) {
                byte[] pdf = files.load(document.getId())
                        .orElseThrow(() ->
                                new IllegalStateException("document " + document.getId() + " has no issued file"));
                MimeBodyPart attachment = new MimeBodyPart();
                attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
                attachment.setFileName(Downloads.fileName(document.getNumber())); // RFC 2231 for the Đ
                attachment.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(attachment);
                for (MeetingPapers.Paper p : papers) {
                    if (attachable(p)) {
                        MimeBodyPart paper = new MimeBodyPart();
                        paper.setDataHandler(
                                new DataHandler(new ByteArrayDataSource(this.papers.content(p.id()), p.contentType())));
                        paper.setFileName(p.name()); // RFC 2231 for a Vietnamese name: headers stay 7-bit
                        paper.setDisposition(MimeBodyPart.ATTACHMENT);
                        mixed.addBodyPart(paper);
                    }
                }
            }
            MimeMessage mime = new FixedIdMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipient(
                    MimeMessage.RecipientType.TO, new InternetAddress(delivery.email(), delivery.name(), "UTF-8"));
            mime.setSubject(subject, "UTF-8");
            mime.setSentDate(java.util.Date.from(clock.instant()));
            mime.setContent(mixed);
            if (urgency != null && delivery.kind() == Delivery.Kind.ISSUE && !answerReminder) {
                mime.setHeader("Importance", "high");
                mime.setHeader("X-Priority", "1");
            }
            return new Composed(mime, messageId);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new IllegalStateException("cannot compose the email for delivery " + delivery.id(), e);
        }
    }

    private boolean unit(Delivery delivery) {
        return kinds.isUnit(delivery.email());
    }

    private boolean attachable(MeetingPapers.Paper paper) {
        return this.papers.attachable(paper);
    }

    /**
     * "Kết luận về công tác …": the type's name in sentence case before the title, so that the
     * subject says what the document is, unless the title already starts with it.
     */
    static String subjectTitle(String typeName, String title) {
        String lower = typeName.toLowerCase(VIETNAMESE);
        String name = lower.isEmpty() ? lower : lower.substring(0, 1).toUpperCase(VIETNAMESE) + lower.substring(1);
        return title.toLowerCase(VIETNAMESE).startsWith(lower) ? title : name + " " + title;
    }

    /**
     * The link in the calendar item: the public notice of a published document, else the recipient's
     * own receipt page (a personal token; a recall's CANCEL carries none).
     */
    private String documentLink(Document document, DraftContent content, String token) {
        if (content.publish() && content.circulation() == null) {
            return links.notice(document.getId());
        }
        return token == null ? null : links.url(token, "receipt");
    }

    private MimeBodyPart calendarPart(Document document, DraftContent content, Delivery delivery, String link)
            throws MessagingException {
        InvitationCalendar.Meeting meeting = new InvitationCalendar.Meeting(
                eventUid(document.getId(), deliveries.replySecret(document.getId(), delivery.position())),
                document.getNumber() + " " + content.title(),
                content.meeting().start(),
                content.meeting().end(),
                content.meeting().location(),
                MailBody.calendarDescription(content, link),
                content.urgency() == null ? 0 : 1);
        InvitationCalendar.Person organizer =
                new InvitationCalendar.Person(settings.organisation().name(), from.getAddress());
        InvitationCalendar.Person attendee = new InvitationCalendar.Person(delivery.name(), delivery.email());
        boolean cancel = delivery.kind() == Delivery.Kind.RECALL;
        String ics = cancel
                ? InvitationCalendar.cancel(meeting, organizer, attendee, clock.instant())
                : InvitationCalendar.request(meeting, organizer, attendee, clock.instant());
        // the method parameter must match METHOD inside, or clients drop the accept/decline buttons
        return textPart(ics, "text/calendar; charset=UTF-8; method=" + (cancel ? "CANCEL" : "REQUEST"));
    }

    /**
     * The UID of one invitee's event: with their secret, which the REPLY of their calendar client
     * echoes (CalendarReplies); without one for an invitation sent before secrets, so that its recall
     * cancels the event the invitee holds.
     */
    private String eventUid(Long documentId, java.util.Optional<String> secret) {
        return "vanthu-" + documentId + secret.map(s -> "-" + s).orElse("") + "@" + domain;
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
