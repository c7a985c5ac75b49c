package vn.vanthu.distribution;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.IssuedFiles;

/**
 * Answers from calendar clients: when an invitee clicks Yes / No / Maybe in Outlook, Thunderbird
 * or Gmail on the invitation's calendar part, the client emails an iTIP REPLY to the ORGANIZER,
 * the office's address. This job reads that mailbox over IMAP every
 * {@code vanthu.mail.replies.poll-every} and records each answer as the personal links do.
 * <p>
 * Accepted only: METHOD:REPLY whose UID is one of our invitations ({@code vanthu-{id}-{secret}@domain}), still
 * issued, whose ORGANIZER is the office's address and whose ATTENDEE is an invitee of it (its
 * email, any case), and proven to come from that invitee ({@link ReplyProof}): the UID carries the
 * invitee's own secret, sent only in their invitation; for invitations sent before secrets (UID
 * {@code vanthu-{id}@domain}) the From is the invitee's address. A reply that fails this, or that the
 * office's mail server marks {@code dkim=fail} / {@code spf=fail}, is kept as UNVERIFIED with its
 * sender and shown to the clerks on the attendance page, never counted. ACCEPTED → attending, DECLINED → declined (the client's COMMENT as reason),
 * TENTATIVE → receipt only. Each message is read once: its key (SHA-256 of the Message-ID, or of
 * the message without one) goes into {@code calendar_reply} in the transaction that records the
 * answer, so two nodes reading the same mailbox, or a poll after a crash, record nothing twice.
 * Processed replies are flagged \Seen; other mail in the mailbox is left as it was.
 */
@Component
class CalendarReplies {

    private static final Logger log = LoggerFactory.getLogger(CalendarReplies.class);

    private final ReplySettings settings;
    private final ObjectProvider<GreenMail> embedded;
    private final JdbcTemplate jdbc;
    private final DocumentService documents;
    private final Deliveries deliveries;
    private final DeliveryService deliveryService;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final InternetAddress office;
    private final Pattern uid;
    private ScheduledExecutorService timer;

    /** What became of one message. */
    public enum Outcome {
        RECORDED,
        TENTATIVE,
        NOT_A_REPLY,
        NOT_OURS,
        NOT_ISSUED,
        NOT_INVITED,
        /** Not proven to come from the invitee: kept and shown to the clerks, never counted. */
        UNVERIFIED,
        ALREADY_READ
    }

    CalendarReplies(
            ReplySettings settings,
            ObjectProvider<GreenMail> embedded,
            JdbcTemplate jdbc,
            DocumentService documents,
            Deliveries deliveries,
            DeliveryService deliveryService,
            PlatformTransactionManager transactions,
            Clock clock,
            MailSettings mail) {
        this.settings = settings;
        this.embedded = embedded;
        this.jdbc = jdbc;
        this.documents = documents;
        this.deliveries = deliveries;
        this.deliveryService = deliveryService;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.office = mail.sender();
        String domain = office.getAddress().substring(office.getAddress().indexOf('@') + 1);
        // DocumentMail's UID of an invitation: vanthu-{id}-{secret}@domain, or vanthu-{id}@domain before V48
        this.uid = Pattern.compile(
                "vanthu-(\\d{1,18})(?:-([0-9a-f]{32}))?@" + Pattern.quote(domain), Pattern.CASE_INSENSITIVE);
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.enabled() || connection().isEmpty()) {
            log.info(
                    "Calendar replies are not read (vanthu.mail.replies: enabled={}, no IMAP server)",
                    settings.enabled());
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calendar-replies");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pollEvery().toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        poll();
                    } catch (RuntimeException e) {
                        log.warn("Reading calendar replies failed: {}", e.toString());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private record Connection(String protocol, String host, int port, String user, String password) {}

    private Optional<Connection> connection() {
        if (settings.host() != null && !settings.host().isBlank()) {
            int port = settings.port() != null ? settings.port() : "imaps".equals(settings.protocol()) ? 993 : 143;
            return Optional.of(new Connection(
                    settings.protocol(),
                    settings.host().trim(),
                    port,
                    settings.username() == null || settings.username().isBlank()
                            ? office.getAddress()
                            : settings.username(),
                    settings.password() == null ? "" : settings.password()));
        }
        GreenMail server = embedded.getIfAvailable();
        return server == null
                ? Optional.empty()
                // the in-process server takes any password
                : Optional.of(
                        new Connection("imap", "127.0.0.1", server.getImap().getPort(), office.getAddress(), "-"));
    }

    /** Reads the mailbox once; returns how many answers were recorded. Synchronized: one reader per node. */
    public synchronized int poll() {
        Optional<Connection> target = connection();
        if (target.isEmpty()) {
            return 0;
        }
        Connection c = target.get();
        Properties properties = new Properties();
        properties.put("mail." + c.protocol() + ".connectiontimeout", "5000");
        properties.put("mail." + c.protocol() + ".timeout", "10000");
        Session session = Session.getInstance(properties);
        int recorded = 0;
        try (Store store = session.getStore(c.protocol())) {
            store.connect(c.host(), c.port(), c.user(), c.password());
            Folder folder = store.getFolder(settings.folder());
            if (!folder.exists()) {
                return 0; // the embedded server creates a mailbox with its first message
            }
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.CONTENT_INFO);
                profile.add(FetchProfile.Item.ENVELOPE);
                folder.fetch(unseen, profile);
                for (Message message : unseen) {
                    Optional<String> ics = calendarPart(message);
                    if (ics.isEmpty()) {
                        continue; // not ours to read: left unseen for the people of the office
                    }
                    String[] results = message.getHeader("Authentication-Results");
                    Outcome outcome = handle(
                            key(message), ics.get(), sender(message), results == null ? List.of() : List.of(results));
                    if (outcome == Outcome.RECORDED || outcome == Outcome.TENTATIVE) {
                        recorded++;
                    }
                    message.setFlag(Flags.Flag.SEEN, true);
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | IOException e) {
            log.warn("Cannot read calendar replies from {}:{}: {}", c.host(), c.port(), e.toString());
        }
        return recorded;
    }

    /** Records one REPLY's answer, as {@link #handle(String, String, String, List)} without the server's checks. */
    public Outcome handle(String messageKey, String ics, String from) {
        return handle(messageKey, ics, from, List.of());
    }

    /**
     * Records one REPLY's answer, once per message key. Public for the tests of the rules; the
     * mailbox is read by {@link #poll}. {@code authentication}: the message's Authentication-Results
     * headers.
     */
    public Outcome handle(String messageKey, String ics, String from, List<String> authentication) {
        Optional<ItipReply.Reply> parsed = ItipReply.parse(ics);
        return transaction.execute(s -> {
            Integer seen = jdbc.queryForObject(
                    "select count(*) from calendar_reply where message_key = ?", Integer.class, messageKey);
            if (seen != null && seen > 0) {
                return Outcome.ALREADY_READ;
            }
            try {
                jdbc.update(
                        "insert into calendar_reply (message_key, outcome, read_at) values (?, 'READING', ?)",
                        messageKey,
                        Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException readMeanwhile) {
                // another node read it first; PostgreSQL has aborted this transaction, so end it quietly
                s.setRollbackOnly();
                return Outcome.ALREADY_READ;
            }
            Verdict verdict = parsed.map(reply -> record(reply, from, authentication))
                    .orElse(new Verdict(Outcome.NOT_A_REPLY, null));
            jdbc.update(
                    "update calendar_reply set outcome = ?, document_id = ?, attendee = ?, sender = ?, part_stat = ?,"
                            + " note = ? where message_key = ?",
                    verdict.outcome().name(),
                    parsed.flatMap(r -> EventUid.parse(uid, r.uid()))
                            .map(EventUid::documentId)
                            .orElse(null),
                    parsed.map(r -> limit(r.attendee(), 320)).orElse(null),
                    limit(from, 320),
                    parsed.map(r -> r.partStat().name()).orElse(null),
                    verdict.note(),
                    messageKey);
            if (verdict.outcome() != Outcome.RECORDED && verdict.outcome() != Outcome.TENTATIVE) {
                log.info("Calendar reply {} not recorded: {}", messageKey, verdict.outcome());
            }
            return verdict.outcome();
        });
    }

    /** What became of a reply, and for an unverified one why, in words for the clerks. */
    private record Verdict(Outcome outcome, String note) {}

    /** The document and, for invitations sent since V48, the invitee's secret of an event UID. */
    record EventUid(long documentId, String secret) {
        static Optional<EventUid> parse(Pattern pattern, String uid) {
            Matcher m = pattern.matcher(uid == null ? "" : uid.trim());
            return m.matches()
                    ? Optional.of(new EventUid(
                            Long.parseLong(m.group(1)),
                            m.group(2) == null ? null : m.group(2).toLowerCase(java.util.Locale.ROOT)))
                    : Optional.empty();
        }
    }

    private Verdict record(ItipReply.Reply reply, String from, List<String> authentication) {
        Optional<EventUid> eventUid = EventUid.parse(uid, reply.uid());
        if (eventUid.isEmpty() || !reply.organizer().equalsIgnoreCase(office.getAddress())) {
            return new Verdict(Outcome.NOT_OURS, null);
        }
        long documentId = eventUid.get().documentId();
        Optional<Document> document = documents.find(documentId);
        if (document.isEmpty()) {
            return new Verdict(Outcome.NOT_OURS, null);
        }
        if (document.get().getStatus() != DocumentStatus.ISSUED
                || documents.currentVersion(document.get()).content().meeting() == null) {
            return new Verdict(Outcome.NOT_ISSUED, null);
        }
        List<Delivery> invitees = deliveries.forDocument(documentId, Delivery.Kind.ISSUE).stream()
                .filter(d -> d.email().equalsIgnoreCase(reply.attendee()))
                .toList();
        if (invitees.isEmpty()) {
            return new Verdict(Outcome.NOT_INVITED, null);
        }
        String doubt = ReplyProof.failedAuthentication(authentication)
                ? "Máy chủ thư báo thư không qua kiểm tra DKIM/SPF."
                : null;
        List<Delivery> answering = invitees;
        if (doubt == null) {
            ReplyProof.Checked checked = ReplyProof.check(eventUid.get().secret(), invitees, from, deliveries);
            doubt = checked.doubt();
            answering = checked.invitees();
        }
        if (doubt != null) {
            log.warn(
                    "Calendar reply {} for {} (from {}) to document {} not counted: {}",
                    reply.partStat(),
                    reply.attendee(),
                    from,
                    documentId,
                    doubt);
            return new Verdict(Outcome.UNVERIFIED, doubt);
        }
        for (Delivery invitee : answering) {
            RecipientLinks.Holder holder = new RecipientLinks.Holder(documentId, invitee.position());
            switch (reply.partStat()) {
                case ACCEPTED ->
                    deliveryService.recordResponse(
                            holder,
                            new Delivery.Answer(Delivery.Response.ATTENDING, null, null, null, Delivery.Via.CALENDAR));
                case DECLINED ->
                    deliveryService.recordResponse(
                            holder,
                            new Delivery.Answer(
                                    Delivery.Response.DECLINED,
                                    null,
                                    null,
                                    limit(reply.comment(), 1000),
                                    Delivery.Via.CALENDAR));
                case TENTATIVE -> {
                    deliveryService.recordReceipt(holder);
                    documents.record(documentId, "recipient:" + invitee.email(), "CALENDAR_TENTATIVE", null);
                }
            }
        }
        log.info(
                "Calendar reply {} of {} (from {}) to document {} recorded",
                reply.partStat(),
                reply.attendee(),
                from,
                documentId);
        return new Verdict(
                reply.partStat() == ItipReply.PartStat.TENTATIVE ? Outcome.TENTATIVE : Outcome.RECORDED, null);
    }

    private static String limit(String text, int max) {
        return text == null ? null : text.length() > max ? text.substring(0, max) : text;
    }

    /** The first text/calendar part whose method is REPLY (or unstated), at most ItipReply.MAX_LENGTH. */
    static Optional<String> calendarPart(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                Optional<String> found = calendarPart(multipart.getBodyPart(i));
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!part.isMimeType("text/calendar") && !part.isMimeType("application/ics")) {
            return Optional.empty();
        }
        if (part.getSize() > ItipReply.MAX_LENGTH * 2) {
            return Optional.empty();
        }
        try (InputStream in = part.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > ItipReply.MAX_LENGTH) {
                    return Optional.empty();
                }
            }
            return Optional.of(out.toString(StandardCharsets.UTF_8));
        }
    }

    /** The Message-ID's hash, or the whole message's when it has none. */
    static String key(Message message) throws MessagingException, IOException {
        String[] ids = message.getHeader("Message-ID");
        if (ids != null && ids.length > 0 && !ids[0].isBlank()) {
            return IssuedFiles.sha256(("mid:" + ids[0].trim()).getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return IssuedFiles.sha256(raw.toByteArray());
    }

    private static String sender(Message message) {
        try {
            return message.getFrom() == null || message.getFrom().length == 0
                    ? null
                    : ((InternetAddress) message.getFrom()[0]).getAddress();
        } catch (MessagingException | ClassCastException e) {
            return null;
        }
    }
}
