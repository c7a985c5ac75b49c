package vn.vanthu.issuing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Signer;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.document.Recipient;
import vn.vanthu.numbering.DocumentNumber;
import vn.vanthu.numbering.NumberAllocator;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.DocumentSheet;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.rendering.VietnameseDates;
import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.PadesSigner;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.signing.VisibleSignature;
import vn.vanthu.system.ConflictException;

/**
 * Issues a signed document in one transaction: the number, the rendered and digitally signed PDF,
 * the register line, the ISSUED status and one pending delivery per recipient. Either all of it
 * commits or none, so a failure leaves no number taken and the job can simply run again.
 */
@Service
public class DocumentIssuer {

    private static final Logger log = LoggerFactory.getLogger(DocumentIssuer.class);
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final DocumentService documents;
    private final Directory directory;
    private final NumberAllocator numbers;
    private final OutgoingRegister register;
    private final DocumentRenderer renderer;
    private final SigningKeys keys;
    private final PadesSigner signer;
    private final IssuedFiles files;
    private final DeliveryService deliveries;
    private final OrganisationProperties settings;
    private final Clock clock;
    private final IssueSignals signals;
    /** Per document type, the issues running now in this node (a hint for the expected number only). */
    private final ConcurrentHashMap<String, AtomicInteger> issuing = new ConcurrentHashMap<>();

    DocumentIssuer(DocumentService documents, Directory directory, NumberAllocator numbers, OutgoingRegister register,
                   DocumentRenderer renderer, SigningKeys keys, PadesSigner signer, IssuedFiles files,
                   DeliveryService deliveries, OrganisationProperties settings, Clock clock, IssueSignals signals) {
        this.documents = documents;
        this.directory = directory;
        this.numbers = numbers;
        this.register = register;
        this.renderer = renderer;
        this.keys = keys;
        this.signer = signer;
        this.files = files;
        this.deliveries = deliveries;
        this.settings = settings;
        this.clock = clock;
        this.signals = signals;
    }

    /** What the process needs to know after issuing: how many recipients, and the meeting's start if any. */
    public record Issued(int recipients, Instant meetingStart) {
        static Issued of(DraftContent content) {
            return new Issued(content.recipients().size(), content.meeting() == null ? null : content.meeting().start());
        }
    }

    /** Issues the document. */
    @Transactional
    public Issued issue(Long documentId) {
        Document document = documents.get(documentId);
        DraftContent content = documents.currentVersion(document).content();
        if (document.getStatus() == DocumentStatus.ISSUED) {
            return Issued.of(content);
        }
        Signer leader = directory.signer(document.getSigner()).orElseThrow(() -> new IllegalStateException(
                "signer " + document.getSigner() + " of document " + documentId + " is no longer a signer"));
        Instant now = clock.instant();
        LocalDate day = now.atZone(OrganisationProperties.VIETNAM).toLocalDate();

        // Render and sign with the number this document will most likely get, then take the number
        // under the counter's row lock; only if another issue got in between is it done again. This
        // keeps the lock, which serialises issuing of one type across nodes, short.
        // Issues running at the same time in this node would all peek the same number, and all but
        // the first would render and sign again while holding the lock; so each one counts the
        // issues of its type already in flight here and expects the number after theirs.
        // An issue counts as in flight until its transaction ends (its number is invisible until then).
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
            }
        });
        DocumentNumber peeked = numbers.peek(document.getType(), day);
        DocumentNumber expected = new DocumentNumber(peeked.type(), peeked.scopeKey(), peeked.seq() + ahead, peeked.issuer());
        byte[] pdf = renderAndSign(document, content, leader, expected, day, now);
        DocumentNumber number = numbers.allocate(document.getType(), day);
        if (number.seq() != expected.seq()) {
            log.debug("Document {} expected number {} but got {}: rendering again", documentId, expected.seq(), number.seq());
            pdf = renderAndSign(document, content, leader, number, day, now);
        }
        files.store(documentId, pdf);
        register.record(number, documentId, content.title(), leader.userId(), now);
        documents.markIssued(documentId, number.text(), now);
        documents.record(documentId, "system", "ISSUED", "Số " + number.text());
        deliveries.prepareIssue(documentId, content.recipients());
        log.info("Document {} issued as {}", documentId, number.text());
        return Issued.of(content);
    }

    /**
     * Checked before a signer's "sign" completes, so that a signer without a usable key is told at
     * once instead of the issuing job failing later.
     */
    public void checkCanSign(String signerUserId) {
        try {
            keys.signer(signerUserId);
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
    }

    /** The unnumbered document as it would be issued: for the signer's preview. */
    public byte[] preview(Long documentId) {
        Document document = documents.get(documentId);
        DraftContent content = documents.currentVersion(document).content();
        Signer leader = directory.signer(document.getSigner()).orElseThrow(() -> new IllegalStateException(
                "signer " + document.getSigner() + " is not a signer"));
        LocalDate day = clock.instant().atZone(OrganisationProperties.VIETNAM).toLocalDate();
        return renderer.render(sheet(document, content, leader, null, day)).pdf();
    }

    private byte[] renderAndSign(Document document, DraftContent content, Signer leader, DocumentNumber number,
                                 LocalDate day, Instant now) {
        RenderedPdf rendered = renderer.render(sheet(document, content, leader, number, day));
        byte[] signed = signer.sign(rendered.pdf(), keys.signer(leader.userId()),
                VisibleSignature.signer(rendered.signerArea(), leader.fullName(), leader.position(), now), now);
        // the organisation's seal, after numbering, as an incremental update over the leader's signature
        return signer.sign(signed, keys.organisation(),
                VisibleSignature.seal(rendered.sealArea(), keys.organisationName(), now), now);
    }

    DocumentSheet sheet(Document document, DraftContent content, Signer leader, DocumentNumber number, LocalDate day) {
        OrganisationProperties.Organisation org = settings.organisation();
        DocumentSheet.Meeting meeting = content.meeting() == null ? null : new DocumentSheet.Meeting(
                content.meeting().start().atZone(OrganisationProperties.VIETNAM),
                content.meeting().end().atZone(OrganisationProperties.VIETNAM),
                content.meeting().location(), content.meeting().chair(),
                // "Kính mời:" is never left empty: without a list, it points at Nơi nhận
                content.meeting().invitees() == null ? "Các đồng chí có tên tại Nơi nhận" : content.meeting().invitees(),
                content.meeting().preparation(), content.meeting().contact());
        List<String> paragraphs = Arrays.stream(content.body().split("\\R")).map(String::strip)
                .filter(line -> !line.isEmpty()).toList();
        return new DocumentSheet(org.superiorBody(), org.name(), number == null ? null : number.text(),
                document.getType() + "/" + org.abbreviation(), VietnameseDates.dateLine(org.place(), day),
                settings.type(document.getType()).name(), content.title(), paragraphs, meeting,
                content.recipients().stream().map(Recipient::getName).toList(), org.collectiveSigner(),
                leader.position().toUpperCase(VIETNAMESE), leader.fullName());
    }
}
