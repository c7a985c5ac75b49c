package vn.vanthu.issuing;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentEvent;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.monitoring.OfficeMeters;
import vn.vanthu.numbering.DocumentNumber;
import vn.vanthu.numbering.NumberAllocator;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.signing.DocumentSigner;
import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.SignatureImages;
import vn.vanthu.signing.SignedPdfs;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.system.ConflictException;

/**
 * Issues what the document's own signer signed, in one transaction: the number and date filled into
 * the leader-signed PDF (an incremental update the leader's signature permits), the organisation's
 * signature over it, the register line, the ISSUED status and one pending delivery per recipient.
 * Either all of it commits or none, so a failure leaves no number taken and the job can run again.
 *
 * <p>It checks its own preconditions, whatever started it (Camunda's REST API can start the process
 * at this step, or complete the sign task, with any variables): the document awaits signature, its
 * history holds a SIGNED decision by its signer on its current version, and the signed text of that
 * version is there, signed with that signer's certificate. Otherwise nothing is issued: the refusal
 * is written to the history and the job fails into an incident.
 */
@Service
public class DocumentIssuer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIssuer.class);
    public static final String ISSUE_REFUSED = "ISSUE_REFUSED";
    /** History action: issuing failed on its last attempt and was rolled back; a clerk decides. */
    public static final String ISSUE_FAILED = "ISSUE_FAILED";

    private final DocumentService documents;
    private final NumberAllocator numbers;
    private final OutgoingRegister register;
    private final DocumentSheets sheets;
    private final SignedDrafts signedDrafts;
    private final SigningKeys keys;
    private final DocumentSigner signer;
    private final SignatureImages images;
    private final IssuedFiles files;
    private final DeliveryService deliveries;
    private final Clock clock;
    private final IssueSignals signals;
    private final OfficeMeters meters;
    private final TransactionTemplate separately;
    /** Per document type, the issues running now in this node (a hint for the expected number only). */
    private final ConcurrentHashMap<String, AtomicInteger> issuing = new ConcurrentHashMap<>();

    DocumentIssuer(
            DocumentService documents,
            NumberAllocator numbers,
            OutgoingRegister register,
            DocumentSheets sheets,
            SignedDrafts signedDrafts,
            SigningKeys keys,
            DocumentSigner signer,
            SignatureImages images,
            IssuedFiles files,
            DeliveryService deliveries,
            Clock clock,
            IssueSignals signals,
            PlatformTransactionManager transactions,
            OfficeMeters meters) {
        this.meters = meters;
        this.documents = documents;
        this.numbers = numbers;
        this.register = register;
        this.sheets = sheets;
        this.signedDrafts = signedDrafts;
        this.keys = keys;
        this.signer = signer;
        this.images = images;
        this.files = files;
        this.deliveries = deliveries;
        this.clock = clock;
        this.signals = signals;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What the process needs to know after issuing: how many recipients, and the meeting's start if any. */
    public record Issued(int recipients, Instant meetingStart) {
        static Issued of(DraftContent content) {
            return new Issued(
                    content.recipients().size(),
                    content.meeting() == null ? null : content.meeting().start());
        }
    }

    /** Nothing was issued: the document lacks its signer's signature on its current version. */
    public static class IssueRefusedException extends IllegalStateException {
        IssueRefusedException(String message) {
            super(message);
        }
    }

    /** Issues the document. */
    @Transactional
    public Issued issue(Long documentId) {
        Document document = documents.get(documentId);
        DraftContent content = documents.currentVersion(document).content();
        if (document.getStatus() == DocumentStatus.ISSUED) {
            return Issued.of(content); // the job ran again after its transaction committed
        }
        SignedDrafts.SignedDraft draft = checkSigned(document);
        Instant now = clock.instant();
        LocalDate day = now.atZone(OrganisationProperties.VIETNAM).toLocalDate();

        // Fill in and seal with the number this document will most likely get, then take the number
        // under the counter's row lock; only if another issue got in between is it done again (never
        // the leader's signature: that covers the text with the number blank). This keeps the lock,
        // which serialises issuing of one type across nodes, short. Issues running at the same time
        // in this node would all peek the same number, so each one counts those of its type already
        // in flight here (until their transaction ends) and expects the number after theirs.
        AtomicInteger inFlight = issuing.computeIfAbsent(document.getType(), t -> new AtomicInteger());
        int ahead = inFlight.getAndIncrement();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                inFlight.decrementAndGet();
            }

            @Override
            public void afterCommit() {
                signals.issued(documentId); // the signer's request may be waiting for the number
                meters.documentIssued();
            }
        });
        DocumentNumber peeked = numbers.peek(document.getType(), day);
        DocumentNumber expected =
                new DocumentNumber(peeked.type(), peeked.scopeKey(), peeked.seq() + ahead, peeked.issuer());
        String dateLine = sheets.dateLine(day);
        byte[] pdf = fillAndSeal(draft, expected, dateLine, now);
        DocumentNumber number = numbers.allocate(document.getType(), day);
        if (number.seq() != expected.seq()) {
            log.debug(
                    "Document {} expected number {} but got {}: filling in again",
                    documentId,
                    expected.seq(),
                    number.seq());
            pdf = fillAndSeal(draft, number, dateLine, now);
        }
        files.store(documentId, pdf);
        register.record(
                number,
                documentId,
                content.title(),
                draft.signer(),
                now,
                new OutgoingRegister.Details(
                        content.urgency() == null ? null : content.urgency().label(),
                        content.publish(),
                        content.circulation() == null
                                ? null
                                : content.circulation().label(),
                        content.printedLines(),
                        content.recipients().size() + 1));
        documents.markIssued(documentId, number.text(), now);
        documents.record(documentId, "system", "ISSUED", "Số " + number.text());
        deliveries.prepareIssue(documentId, content.recipients());
        log.info("Document {} issued as {}", documentId, number.text());
        return Issued.of(content);
    }

    /**
     * Issues the document in a transaction of its own, for the job's last attempt: a failure rolls
     * back all of it (no number taken, no file, no register line) and is thrown, while the job's own
     * transaction stays usable for the BPMN error path. Should the job's transaction fail after this
     * one committed, the next run finds the document issued and answers as {@link #issue} does.
     */
    public Issued issueSeparately(Long documentId) {
        return separately.execute(status -> issue(documentId));
    }

    /** Writes why issuing failed to the history, for the clerk who now holds the document; returns it. */
    public String recordFailure(Long documentId, Throwable failure) {
        String reason = describe(failure);
        log.error("Document {} could not be issued; a clerk now holds it", documentId, failure);
        documents.record(documentId, "system", ISSUE_FAILED, reason);
        return reason;
    }

    /** The failure and its causes in a line a clerk can pass on (and the administrator can search the log for). */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < 900; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" ← ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        // what a renderer chokes on (a control character) must not reach the page or the log raw
        String clean = text.toString().replaceAll("[\\p{Cc}\\p{Cf}&&[^\\t]]", "?");
        return clean.length() > 1000 ? clean.substring(0, 1000) + "…" : clean;
    }

    /** The signed text of the current version, if the document's own signer signed it; else refuses. */
    private SignedDrafts.SignedDraft checkSigned(Document document) {
        Checked checked = alreadyChecked(document).orElseGet(() -> check(document));
        if (checked.reason() != null) {
            throw refuse(document.getId(), checked.reason());
        }
        return checked.draft();
    }

    private record Checked(SignedDrafts.SignedDraft draft, String reason) {
        static Checked refused(String reason) {
            return new Checked(null, reason);
        }
    }

    /** What {@link #refusal} found for a document, kept until its transaction ends. */
    private record CheckedIn(Long documentId, int version, DocumentStatus status, Checked checked) {}

    private static final Object CHECKED = new Object();

    /**
     * The issue step asks {@link #refusal} and then {@link #issue} in one transaction: the second
     * takes the first's passed check (the history, the signed text and its hash, the signer's
     * certificate in it) instead of reading and parsing all of it again, if nothing it depends on
     * has changed in between (kept until the transaction that asked ends).
     */
    private Optional<Checked> alreadyChecked(Document document) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || !(TransactionSynchronizationManager.getResource(CHECKED) instanceof CheckedIn kept)) {
            return Optional.empty();
        }
        return kept.documentId().equals(document.getId())
                        && kept.version() == document.getCurrentVersion()
                        && kept.status() == document.getStatus()
                ? Optional.of(kept.checked())
                : Optional.empty();
    }

    private void keep(Document document, Checked checked) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || checked.reason() != null) {
            return;
        }
        if (TransactionSynchronizationManager.hasResource(CHECKED)) {
            TransactionSynchronizationManager.unbindResource(CHECKED);
        } else {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CHECKED);
                }
            });
        }
        TransactionSynchronizationManager.bindResource(
                CHECKED, new CheckedIn(document.getId(), document.getCurrentVersion(), document.getStatus(), checked));
    }

    private Checked check(Document document) {
        Long id = document.getId();
        // a remote signature arrives while the document awaits it; the SIGNED entry and the signed text decide
        // ISSUE_FAILED: a clerk issues again what failed; the signature checks below still apply
        if (document.getStatus() != DocumentStatus.AWAITING_SIGNATURE
                && document.getStatus() != DocumentStatus.AWAITING_REMOTE_SIGNATURE
                && document.getStatus() != DocumentStatus.ISSUE_FAILED) {
            return Checked.refused("văn bản đang ở trạng thái " + document.getStatus() + ", không phải chờ ký");
        }
        int version = document.getCurrentVersion();
        boolean decided = documents.history(id).stream()
                .anyMatch(e -> "SIGNED".equals(e.getAction())
                        && document.getSigner().equals(e.getActor())
                        && Integer.valueOf(version).equals(e.getVersionNo()));
        if (!decided) {
            return Checked.refused(
                    "lãnh đạo ký (" + document.getSigner() + ") chưa quyết định ký phiên bản " + version);
        }
        SignedDrafts.SignedDraft draft;
        try {
            draft = signedDrafts.find(id, version).orElse(null);
        } catch (IllegalStateException altered) { // its bytes no longer match the hash kept beside them
            return Checked.refused("bản đã ký số của phiên bản " + version + " đã bị thay đổi");
        }
        if (draft == null) {
            return Checked.refused("không có bản đã ký số của phiên bản " + version);
        }
        if (!draft.signer().equals(document.getSigner())) {
            return Checked.refused(
                    "bản ký số là của " + draft.signer() + ", không phải của lãnh đạo ký " + document.getSigner());
        }
        X509Certificate expected;
        try {
            expected = keys.signerCertificate(document.getSigner());
        } catch (NoSigningKeyException e) {
            return Checked.refused("lãnh đạo ký " + document.getSigner() + " không còn chứng thư số hợp lệ");
        }
        if (!expected.equals(SignedPdfs.lastSignerCertificate(draft.pdf()))) {
            return Checked.refused("chữ ký số trên bản đã ký không phải chứng thư của " + document.getSigner());
        }
        return new Checked(draft, null);
    }

    /** Why the issue step must not issue this document in this process, if it must not. */
    public record Refusal(String reason, boolean documentsOwnProcess) {}

    /**
     * Checked by the issue step before it issues, so that a refusal can take the BPMN's error path
     * instead of failing the job: the document's own process goes back to the signer (the version's
     * signed text, if any, is dropped so that the leader can sign afresh); a process that is not the
     * document's own (started from outside Văn thư) ends. The reason is written to the history.
     */
    public Optional<Refusal> refusal(Long documentId, String processInstanceId) {
        Document document = documents.get(documentId);
        if (document.getStatus() == DocumentStatus.ISSUED) {
            return Optional.empty(); // issue() answers for it: the job ran again after issuing
        }
        boolean own = processInstanceId != null && processInstanceId.equals(document.getProcessInstanceId());
        String reason;
        if (own) {
            Checked checked = check(document);
            keep(document, checked);
            reason = checked.reason();
        } else {
            reason = "quy trình " + processInstanceId + " không phải quy trình của văn bản";
        }
        if (reason == null) {
            return Optional.empty();
        }
        refuse(documentId, reason);
        if (own) {
            separately.executeWithoutResult(status -> signedDrafts.delete(documentId, document.getCurrentVersion()));
        }
        return Optional.of(new Refusal(reason, own));
    }

    /** Writes why to the history (in its own transaction, once per reason) and returns the exception to throw. */
    private IssueRefusedException refuse(Long documentId, String reason) {
        String comment = "Không ban hành: " + reason + ".";
        log.warn("Document {} not issued: {}", documentId, reason);
        separately.executeWithoutResult(status -> {
            List<DocumentEvent> history = documents.history(documentId);
            DocumentEvent last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (last == null || !ISSUE_REFUSED.equals(last.getAction()) || !comment.equals(last.getComment())) {
                documents.record(documentId, "system", ISSUE_REFUSED, comment);
            }
        });
        return new IssueRefusedException("Document " + documentId + " not issued: " + reason);
    }

    /**
     * Checked before a signer's "sign" completes, so that a signer without a usable key is told at
     * once instead of the issuing job failing later.
     */
    public void checkCanSign(String signerUserId) {
        try {
            keys.signerCertificate(signerUserId);
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
    }

    private byte[] fillAndSeal(SignedDrafts.SignedDraft draft, DocumentNumber number, String dateLine, Instant now) {
        return signer.seal(
                draft.pdf(),
                IssueFields.numberLine(number.text()),
                dateLine,
                keys.organisation(),
                images.seal(keys.organisationName()),
                draft.signerArea(),
                draft.imageArea(),
                keys.organisationName(),
                now);
    }
}
