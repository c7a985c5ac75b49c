package vn.vanthu.distribution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentEvent;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DraftContent;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;

/**
 * Who comes to an issued invitation's meeting: each invitee's state, the counts, the list as
 * JSON, CSV and XLSX, and "Nhắc người chưa trả lời" (an email with fresh answer links to every
 * invitee who has not answered). Answers come from the personal links and from calendar clients
 * ({@link CalendarReplies}); both end in {@link DeliveryService#recordResponse}.
 */
@Service
public class Attendance {

    private static final Logger log = LoggerFactory.getLogger(Attendance.class);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    /** Two reminders within this time are one click too many (a double click, two clerks at once). */
    static final Duration REMIND_AGAIN_AFTER = Duration.ofMinutes(10);

    /** An invitee's state, in the order the page counts them. */
    public enum State {
        ATTENDING("Tham dự"),
        DELEGATED("Cử người dự thay"),
        DECLINED("Không tham dự"),
        RECEIVED("Đã nhận, chưa trả lời"),
        NO_ANSWER("Chưa trả lời");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Invitee(
            int position,
            String name,
            String email,
            State state,
            String stateLabel,
            String delivery,
            OffsetDateTime sentAt,
            OffsetDateTime receivedAt,
            OffsetDateTime answeredAt,
            String answeredVia,
            String declineReason,
            String delegateName,
            String delegatePosition) {}

    /**
     * A calendar reply for {@code attendee} not proven to come from them (CalendarReplies), sent by
     * {@code sender}: shown to the clerks, never counted.
     */
    public record UnverifiedReply(
            String attendee, String sender, String answer, String note, OffsetDateTime receivedAt) {}

    public record Counts(int total, int attending, int delegated, int declined, int received, int noAnswer) {}

    public record Sheet(
            Long documentId,
            String number,
            String title,
            OffsetDateTime meetingStart,
            OffsetDateTime meetingEnd,
            String location,
            String chair,
            OffsetDateTime replyBy,
            boolean recalled,
            Counts counts,
            List<Invitee> invitees,
            List<UnverifiedReply> unverified) {}

    /** What a reminder did: emails sent, and those the mail server did not take. */
    public record Reminded(int sent, int failed) {}

    private final Deliveries deliveries;
    private final DocumentService documents;
    private final AccessPolicy access;
    private final DocumentMail mail;
    private final JavaMailSender sender;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Attendance(
            Deliveries deliveries,
            DocumentService documents,
            AccessPolicy access,
            DocumentMail mail,
            JavaMailSender sender,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.deliveries = deliveries;
        this.documents = documents;
        this.access = access;
        this.mail = mail;
        this.sender = sender;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The attendance of an issued (or recalled) invitation, for whoever may read the document. */
    public Sheet of(Long documentId, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.VIEW_DOCUMENT, documents.readers(document));
        DraftContent content = documents.currentVersion(document).content();
        if (content.meeting() == null) {
            throw new ConflictException("Văn bản này không phải giấy mời nên không có danh sách tham dự.");
        }
        if (document.getStatus() != DocumentStatus.ISSUED && document.getStatus() != DocumentStatus.RECALLED) {
            throw new ConflictException("Giấy mời chưa ban hành nên chưa có ai trả lời.");
        }
        List<Invitee> invitees = new ArrayList<>();
        for (Delivery d : deliveries.forDocument(documentId, Delivery.Kind.ISSUE)) {
            State state = state(d);
            invitees.add(new Invitee(
                    d.position() + 1,
                    d.name(),
                    d.email(),
                    state,
                    state.label(),
                    d.state().name(),
                    vn(d.sentAt()),
                    vn(d.confirmedAt()),
                    vn(d.answeredAt()),
                    d.answeredVia(),
                    d.declineReason(),
                    d.delegateName(),
                    d.delegatePosition()));
        }
        Counts counts = new Counts(
                invitees.size(),
                count(invitees, State.ATTENDING),
                count(invitees, State.DELEGATED),
                count(invitees, State.DECLINED),
                count(invitees, State.RECEIVED),
                count(invitees, State.NO_ANSWER));
        DraftContent.Meeting m = content.meeting();
        return new Sheet(
                documentId,
                document.getNumber(),
                content.title(),
                vn(m.start()),
                vn(m.end()),
                m.location(),
                m.chair(),
                vn(m.replyBy()),
                document.getStatus() == DocumentStatus.RECALLED,
                counts,
                invitees,
                // the clerks judge them; other readers see only the counted answers
                access.allows(caller, Action.REMIND_INVITEES, AccessPolicy.Subject.of(document))
                        ? deliveries.unverifiedReplies(documentId)
                        : List.of());
    }

    static State state(Delivery d) {
        if (d.response() != null) {
            return State.valueOf(d.response());
        }
        return d.confirmedAt() != null ? State.RECEIVED : State.NO_ANSWER;
    }

    private static int count(List<Invitee> invitees, State state) {
        return (int) invitees.stream().filter(i -> i.state() == state).count();
    }

    /**
     * Emails every invitee without an answer (received or not) whose invitation was sent, with
     * fresh answer links. Not before the meeting has passed, not twice within ten minutes.
     */
    public Reminded remind(Long documentId, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.REMIND_INVITEES, AccessPolicy.Subject.of(document));
        DraftContent content = documents.currentVersion(document).content();
        if (content.meeting() == null) {
            throw new ConflictException("Văn bản này không phải giấy mời.");
        }
        Instant now = clock.instant();
        if (!content.meeting().start().isAfter(now)) {
            throw new ConflictException("Cuộc họp đã bắt đầu; không nhắc trả lời nữa.");
        }
        boolean recent = documents.history(documentId).stream()
                .filter(e -> "REMINDED_UNANSWERED".equals(e.getAction()))
                .map(DocumentEvent::getOccurredAt)
                .anyMatch(at -> at.isAfter(now.minus(REMIND_AGAIN_AFTER)));
        if (recent) {
            throw new ConflictException("Vừa nhắc người chưa trả lời cách đây chưa tới "
                    + REMIND_AGAIN_AFTER.toMinutes() + " phút; xin đợi rồi nhắc lại.");
        }
        List<Delivery> unanswered = deliveries.forDocument(documentId, Delivery.Kind.ISSUE).stream()
                .filter(d -> d.response() == null && d.state() == Delivery.State.SENT)
                .toList();
        int sent = 0;
        int failed = 0;
        for (Delivery d : unanswered) {
            // each email's tokens are stored in a transaction of their own before it leaves
            DocumentMail.Composed message = transaction.execute(s -> mail.composeAnswerReminder(d));
            try {
                sender.send(message.mime());
                sent++;
            } catch (MailException e) {
                failed++;
                log.warn("Answer reminder of document {} to {} not sent: {}", documentId, d.email(), e.getMessage());
            }
        }
        String note = "Đã nhắc " + sent + " người chưa trả lời"
                + (failed > 0 ? ", " + failed + " thư không gửi được" : "") + ".";
        transaction.executeWithoutResult(
                s -> documents.record(documentId, caller.userId(), "REMINDED_UNANSWERED", note));
        return new Reminded(sent, failed);
    }

    /** The list as CSV (RFC 4180, UTF-8 with a BOM so that Excel reads the Vietnamese). */
    public static String csv(Sheet sheet) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<List<String>> rows = rows(sheet);
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(csvCell(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    public static byte[] xlsx(Sheet sheet) {
        try (XSSFWorkbook book = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet page = book.createSheet("Tham dự");
            List<List<String>> rows = rows(sheet);
            for (int r = 0; r < rows.size(); r++) {
                Row row = page.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    // text cells only: a name starting with "=" stays a name, never a formula
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            for (int c = 0; c < rows.get(0).size(); c++) {
                page.autoSizeColumn(c);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the attendance workbook", e);
        }
    }

    private static List<List<String>> rows(Sheet sheet) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(
                "STT",
                "Nơi nhận",
                "Email",
                "Trạng thái",
                "Lý do không tham dự",
                "Người dự thay",
                "Chức vụ người dự thay",
                "Nhận lúc",
                "Trả lời lúc",
                "Trả lời qua"));
        for (Invitee i : sheet.invitees()) {
            rows.add(List.of(
                    String.valueOf(i.position()),
                    i.name(),
                    i.email(),
                    i.stateLabel(),
                    nz(i.declineReason()),
                    nz(i.delegateName()),
                    nz(i.delegatePosition()),
                    time(i.receivedAt()),
                    time(i.answeredAt()),
                    i.answeredVia() == null ? "" : "CALENDAR".equals(i.answeredVia()) ? "Lịch" : "Liên kết"));
        }
        return rows;
    }

    /** Quoted always; a cell that a spreadsheet would run as a formula starts with an apostrophe. */
    static String csvCell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? "" : t.format(DAY_TIME);
    }

    static OffsetDateTime vn(Instant instant) {
        return instant == null
                ? null
                : instant.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }

    static String partStatLabel(String partStat) {
        return partStat == null
                ? ""
                : switch (partStat) {
                    case "ACCEPTED" -> "Tham dự";
                    case "DECLINED" -> "Không tham dự";
                    case "TENTATIVE" -> "Có thể tham dự";
                    default -> partStat;
                };
    }

    /** Labels by state, for pages. */
    public static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (State s : State.values()) {
            labels.put(s.name(), s.label());
        }
        return labels;
    }
}
