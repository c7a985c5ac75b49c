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
 * Accepted only: METHOD:REPLY whose UID is one of our invitations ({@code vanthu-{id}@domain}), still
 * issued, whose ORGANIZER is the office's address and whose ATTENDEE is an invitee of it (its
 * email, any case). ACCEPTED → attending, DECLINED → declined (the client's COMMENT as reason),
 * TENTATIVE → receipt only. Each message is read once: its key (SHA-256 of the Message-ID, or of
 * the message without one) goes into {@code calendar_reply} in the transaction that records the
 * answer, so two nodes reading the same mailbox, or a poll after a crash, record nothing twice.
 * Processed replies are flagged \Seen; other mail in the mailbox is left as it was.
 */
@Component
public class CalendarReplies {

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
        // DocumentMail's UID of an invitation
        this.uid = Pattern.compile("vanthu-(\\d{1,18})@" + Pattern.quote(domain), Pattern.CASE_INSENSITIVE);
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
                    Outcome outcome = handle(key(message), ics.get(), sender(message));
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

    /**
     * Records one REPLY's answer, once per message key. Public for the tests of the rules; the
     * mailbox is read by {@link #poll}.
     */
    public Outcome handle(String messageKey, String ics, String from) {
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
            Outcome outcome = parsed.map(reply -> record(reply, from)).orElse(Outcome.NOT_A_REPLY);
            jdbc.update(
                    "update calendar_reply set outcome = ?, document_id = ?, attendee = ? where message_key = ?",
                    outcome.name(),
                    parsed.flatMap(r -> documentId(r.uid())).orElse(null),
                    parsed.map(ItipReply.Reply::attendee).orElse(null),
                    messageKey);
            if (outcome != Outcome.RECORDED && outcome != Outcome.TENTATIVE) {
                log.info("Calendar reply {} not recorded: {}", messageKey, outcome);
            }
            return outcome;
        });
    }

    private Outcome record(ItipReply.Reply reply, String from) {
        Optional<Long> documentId = documentId(reply.uid());
        if (documentId.isEmpty() || !reply.organizer().equalsIgnoreCase(office.getAddress())) {
            return Outcome.NOT_OURS;
        }
        Optional<Document> document = documents.find(documentId.get());
        if (document.isEmpty()) {
            return Outcome.NOT_OURS;
        }
        if (document.get().getStatus() != DocumentStatus.ISSUED
                || documents.currentVersion(document.get()).content().meeting() == null) {
            return Outcome.NOT_ISSUED;
        }
        List<Delivery> invitees = deliveries.forDocument(documentId.get(), Delivery.Kind.ISSUE).stream()
                .filter(d -> d.email().equalsIgnoreCase(reply.attendee()))
                .toList();
        if (invitees.isEmpty()) {
            return Outcome.NOT_INVITED;
        }
        for (Delivery invitee : invitees) {
            RecipientLinks.Holder holder = new RecipientLinks.Holder(documentId.get(), invitee.position());
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
                    documents.record(documentId.get(), "recipient:" + invitee.email(), "CALENDAR_TENTATIVE", null);
                }
            }
        }
        log.info(
                "Calendar reply {} of {} (from {}) to document {} recorded",
                reply.partStat(),
                reply.attendee(),
                from,
                documentId.get());
        return reply.partStat() == ItipReply.PartStat.TENTATIVE ? Outcome.TENTATIVE : Outcome.RECORDED;
    }

    private Optional<Long> documentId(String uid) {
        Matcher m = this.uid.matcher(uid == null ? "" : uid.trim());
        return m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
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
