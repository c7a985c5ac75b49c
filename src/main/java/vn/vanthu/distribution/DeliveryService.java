package vn.vanthu.distribution;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.Recipient;
import vn.vanthu.document.spi.DeliveryStatuses;
import vn.vanthu.monitoring.OfficeMeters;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.numbering.RegisterEntry;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.NotFoundException;

/**
 * Sends the emails about an issued document, one recipient at a time, exactly once: a delivery
 * already marked SENT is never sent again, and the mark is written in its own transaction right
 * after the mail server accepts the message, so a later rollback of the job cannot undo it.
 */
@Service
public class DeliveryService implements DeliveryStatuses {

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);
    /** One address, nothing a header could be split or widened with. */
    private static final java.util.regex.Pattern ADDRESS =
            java.util.regex.Pattern.compile("^[^@\\s<>\",;()\\[\\]]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");

    private final Deliveries deliveries;
    private final DocumentMail mail;
    private final JavaMailSender sender;
    private final DistributionSettings settings;
    private final DocumentService documents;
    private final OutgoingRegister register;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final OfficeMeters meters;

    DeliveryService(
            Deliveries deliveries,
            DocumentMail mail,
            JavaMailSender sender,
            DistributionSettings settings,
            DocumentService documents,
            OutgoingRegister register,
            PlatformTransactionManager transactions,
            Clock clock,
            OfficeMeters meters) {
        this.meters = meters;
        this.deliveries = deliveries;
        this.mail = mail;
        this.sender = sender;
        this.settings = settings;
        this.documents = documents;
        this.register = register;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** One PENDING delivery per recipient, written in the issuing transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void prepareIssue(Long documentId, List<Recipient> recipients) {
        deliveries.createPending(documentId, Delivery.Kind.ISSUE, recipients);
    }

    /**
     * Sends the email of this kind to the recipient at this position, unless already sent, no
     * longer wanted (the document was recalled; an invitee who declined gets no reminder), or
     * refused for good. A temporary failure throws, so the engine retries the job; a permanent
     * refusal of the address (SMTP 5xx) marks the delivery FAILED at once without retrying.
     */
    public void send(Long documentId, Delivery.Kind kind, int position) {
        // one transaction reads the delivery, decides, and composes (the personal link's token is
        // stored there); the mark after the server's answer is the second
        Plan plan = ownTransaction.execute(s -> plan(documentId, kind, position));
        Delivery delivery = plan.delivery();
        if (plan.message() == null) {
            return;
        }
        DocumentMail.Composed message = plan.message();
        try {
            sender.send(message.mime());
        } catch (MailException e) {
            if (isPermanentRefusal(e)) {
                ownTransaction.executeWithoutResult(s -> deliveries.recordFailure(delivery.id(), describe(e), true));
                meters.emailFailed(kind.name());
                log.warn("Delivery {} to {} permanently refused: {}", delivery.id(), delivery.email(), describe(e));
                return;
            }
            int attempts = ownTransaction.execute(s -> deliveries.recordFailure(delivery.id(), describe(e), false));
            if (attempts >= settings.maxAttempts()) {
                ownTransaction.executeWithoutResult(s -> deliveries.markFailed(delivery.id()));
                meters.emailFailed(kind.name());
            } else {
                meters.emailRetrying(kind.name());
            }
            throw e;
        }
        Instant sentAt = clock.instant();
        ownTransaction.executeWithoutResult(s -> deliveries.markSent(delivery.id(), message.messageId(), sentAt));
        meters.emailSent(kind.name(), documentId, sentAt);
    }

    /** What to do about one delivery; no message when there is nothing to send. */
    private record Plan(Delivery delivery, DocumentMail.Composed message) {}

    private Plan plan(Long documentId, Delivery.Kind kind, int position) {
        Delivery delivery = kind == Delivery.Kind.ISSUE
                ? deliveries
                        .find(documentId, kind, position)
                        .orElseThrow(() -> new NotFoundException("no delivery " + documentId + "/" + position))
                : deliveries.findOrCreate(documentId, kind, position);
        if (delivery.state() == Delivery.State.SENT) {
            log.info("Delivery {} ({} to {}) already sent, not sending again", delivery.id(), kind, delivery.email());
            return new Plan(delivery, null);
        }
        if ((kind != Delivery.Kind.RECALL && documents.get(documentId).getStatus() == DocumentStatus.RECALLED)
                || (kind == Delivery.Kind.REMINDER && declined(documentId, position))) {
            deliveries.markCancelled(delivery.id());
            return new Plan(delivery, null);
        }
        vn.vanthu.numbering.RegisterEntry.Recall recall =
                kind == Delivery.Kind.RECALL ? register.recall(documentId).orElse(null) : null;
        return new Plan(
                delivery,
                mail.compose(
                        delivery, recall == null ? null : recall.reason(), recall == null ? null : recall.basisText()));
    }

    private boolean declined(Long documentId, int position) {
        return deliveries
                .find(documentId, Delivery.Kind.ISSUE, position)
                .map(d -> Delivery.Response.DECLINED.name().equals(d.response()))
                .orElse(false);
    }

    @Override
    public Map<Integer, Status> forDocument(Long documentId) {
        return deliveries.forDocument(documentId, Delivery.Kind.ISSUE).stream()
                .collect(Collectors.toMap(
                        Delivery::position,
                        d -> new Status(d.state().name(), d.sentAt(), d.confirmedAt(), d.response())));
    }

    public List<Delivery> deliveries(Long documentId, Delivery.Kind kind) {
        return deliveries.forDocument(documentId, kind);
    }

    public List<FailedDelivery> failed(int limit) {
        List<FailedDelivery> failed = deliveries.failed(limit);
        // number and title as registered, for the whole list in one go
        Map<Long, RegisterEntry> lines = register.ofDocuments(
                failed.stream().map(FailedDelivery::documentId).collect(Collectors.toSet()));
        return failed.stream()
                .map(f -> {
                    RegisterEntry line = lines.get(f.documentId());
                    return new FailedDelivery(
                            f.id(),
                            f.documentId(),
                            f.kind(),
                            line == null ? null : line.number(),
                            line == null ? null : line.title(),
                            f.name(),
                            f.email(),
                            f.attempts(),
                            f.lastError());
                })
                .toList();
    }

    public Delivery get(Long deliveryId) {
        return deliveries
                .find(deliveryId)
                .orElseThrow(() -> new NotFoundException("Không có lần gửi " + deliveryId + "."));
    }

    /**
     * A clerk's retry of a FAILED delivery: it becomes PENDING with {@code attemptsLeft} attempts
     * before it is FAILED again (the last failed attempt marks it so, whatever job makes it). Of
     * parallel retries only one finds it still FAILED; the others get a conflict and send nothing.
     */
    @Transactional
    public Delivery reopen(Long deliveryId, int attemptsLeft) {
        Delivery delivery = get(deliveryId);
        if (delivery.state() != Delivery.State.FAILED
                || deliveries.markPending(deliveryId, Math.max(0, settings.maxAttempts() - attemptsLeft)) == 0) {
            throw new ConflictException("Chỉ gửi lại được thư ở trạng thái FAILED (thư này: "
                    + get(deliveryId).state() + ").");
        }
        return get(deliveryId);
    }

    /** Attempts a retry gets when it runs the whole retry schedule again. */
    public int fullSchedule() {
        return settings.maxAttempts();
    }

    /** Whether this recipient has confirmed receipt already (by the button or by an answer). */
    public boolean receiptConfirmed(RecipientLinks.Holder holder) {
        return deliveries
                .find(holder.documentId(), Delivery.Kind.ISSUE, holder.position())
                .map(d -> d.confirmedAt() != null)
                .orElse(false);
    }

    /**
     * The recipient's own confirmation (Nghị định 30: the receiver confirms receipt): the receipt
     * page's button or an answer, never the opening of a link.
     */
    @Transactional
    public void recordReceipt(RecipientLinks.Holder holder) {
        Delivery issue = deliveries
                .find(holder.documentId(), Delivery.Kind.ISSUE, holder.position())
                .orElseThrow();
        if (issue.confirmedAt() == null) {
            deliveries.recordReceipt(holder.documentId(), holder.position(), clock.instant());
            documents.record(holder.documentId(), "recipient:" + issue.email(), "RECEIVED", null);
        }
    }

    /**
     * An invitee's answer, from the link's page or a calendar client; a changed answer replaces the
     * earlier one, and both stay in the history.
     */
    @Transactional
    public void recordResponse(RecipientLinks.Holder holder, Delivery.Answer answer) {
        Delivery issue = deliveries
                .find(holder.documentId(), Delivery.Kind.ISSUE, holder.position())
                .orElseThrow();
        recordReceipt(holder);
        deliveries.recordResponse(holder.documentId(), holder.position(), answer, clock.instant());
        String comment = switch (answer.response()) {
            case DELEGATED ->
                "Cử người dự thay: " + answer.delegateName()
                        + (answer.delegatePosition() == null ? "" : ", " + answer.delegatePosition());
            case DECLINED -> answer.declineReason() == null ? null : "Lý do: " + answer.declineReason();
            case ATTENDING -> null;
        };
        if (answer.via() == Delivery.Via.CALENDAR) {
            comment = comment == null ? "Trả lời từ lịch" : comment + " (trả lời từ lịch)";
        }
        documents.record(
                holder.documentId(),
                "recipient:" + issue.email(),
                "ANSWERED_" + answer.response().name(),
                comment);
    }

    /** A delivery as the clerk's page shows it: the email's state and any paper delivery. */
    public record DeskLine(Delivery delivery, Instant paperAt, String paperNote) {}

    public List<DeskLine> desk(Long documentId) {
        return deliveries.forDocument(documentId, Delivery.Kind.ISSUE).stream()
                .map(d -> {
                    var paper = deliveries.paper(d.id());
                    return new DeskLine(
                            d,
                            paper.map(Deliveries.Paper::at).orElse(null),
                            paper.map(Deliveries.Paper::note).orElse(null));
                })
                .toList();
    }

    /**
     * The clerk corrects a recipient's address (issue 14, item 7): the delivery of the issued
     * document takes it and is made ready to send again (a sent one too: the first went to a wrong
     * address). Returns the delivery before the change. 409 while it is still being sent.
     */
    @Transactional
    public Delivery correctAddress(Long deliveryId, String email) {
        Delivery before = get(deliveryId);
        String clean = email == null ? "" : email.strip();
        if (clean.isEmpty() || clean.length() > 320 || !ADDRESS.matcher(clean).matches()) {
            throw vn.vanthu.system.InvalidInputException.of(
                    "email", "Email không hợp lệ (ví dụ: bantochuc@dangbo.vn).");
        }
        if (before.kind() != Delivery.Kind.ISSUE) {
            throw new ConflictException("Chỉ sửa được địa chỉ của thư gửi văn bản.");
        }
        if (clean.equalsIgnoreCase(before.email()) && before.state() == Delivery.State.SENT) {
            throw vn.vanthu.system.InvalidInputException.of("email", "Địa chỉ mới trùng địa chỉ đã gửi.");
        }
        if (deliveries.correctAddress(deliveryId, clean, "Văn thư sửa địa chỉ từ " + before.email()) == 0) {
            throw new ConflictException(
                    before.state() == Delivery.State.CANCELLED
                            ? "Thư này đã hủy vì văn bản bị thu hồi."
                            : "Thư này đang được gửi: chờ gửi xong rồi sửa địa chỉ.");
        }
        deliveries.correctLaterAddresses(before.documentId(), before.position(), clean);
        return before;
    }

    /** The clerk's record that the document was delivered on paper to this recipient; in the history too. */
    @Transactional
    public Delivery recordPaper(Long deliveryId, String note, String clerk) {
        Delivery delivery = get(deliveryId);
        String clean = note == null ? "" : note.strip();
        if (clean.isEmpty()) {
            throw vn.vanthu.system.InvalidInputException.of(
                    "note", "Ghi cách gửi (ví dụ: giao tận tay đồng chí A, bưu điện).");
        }
        if (clean.length() > 500 || clean.chars().anyMatch(c -> Character.isISOControl(c))) {
            throw vn.vanthu.system.InvalidInputException.of(
                    "note", "Ghi chú dài quá 500 ký tự hoặc có ký tự điều khiển.");
        }
        if (delivery.kind() != Delivery.Kind.ISSUE) {
            throw new ConflictException("Chỉ ghi nhận bản giấy cho văn bản đã ban hành.");
        }
        deliveries.recordPaper(deliveryId, clock.instant(), clean);
        documents.record(delivery.documentId(), clerk, "DELIVERED_ON_PAPER", delivery.name() + ": " + clean);
        return delivery;
    }

    /** SMTP 5xx for the address: retrying will not help. 4xx and connection failures are temporary. */
    static boolean isPermanentRefusal(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth++ < 10; t = next(t)) {
            if (t instanceof SMTPAddressFailedException refused) {
                return refused.getReturnCode() >= 500;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            Exception failure = send.getFailedMessages().values().iterator().next();
            if (failure != t) {
                return failure;
            }
        }
        if (t instanceof MessagingException m && m.getNextException() != null) {
            return m.getNextException();
        }
        if (t instanceof SendFailedException s && s.getNextException() != null) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && text.length() < 1500 && depth++ < 10; t = next(t)) {
            text.append(t.getClass().getSimpleName())
                    .append(": ")
                    .append(t.getMessage())
                    .append(" | ");
        }
        return text.toString();
    }
}
