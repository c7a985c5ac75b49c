package vn.vanthu.issuing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Signer;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.signing.DocumentSigner;
import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.SignatureImages;
import vn.vanthu.signing.SigningCertificates;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.signing.SigningPins;
import vn.vanthu.signing.WrongPinException;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;

/**
 * The leader's own act of signing: the unnumbered final text of the document's current version,
 * signed with the leader's key, which only the PIN the leader gives now unlocks. Called inside the
 * transaction that completes the sign task, so that the signed text and the SIGNED decision
 * commit together.
 */
@Service
public class LeaderSignature {

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm");

    private final DocumentService documents;
    private final Directory directory;
    private final DocumentRenderer renderer;
    private final DocumentSheets sheets;
    private final SigningPins pins;
    private final SigningKeys keys;
    private final DocumentSigner signer;
    private final SignatureImages images;
    private final SignedDrafts signedDrafts;
    private final SigningCertificates certificates;
    private final Clock clock;

    LeaderSignature(
            DocumentService documents,
            Directory directory,
            DocumentRenderer renderer,
            DocumentSheets sheets,
            SigningPins pins,
            SigningKeys keys,
            DocumentSigner signer,
            SignatureImages images,
            SignedDrafts signedDrafts,
            SigningCertificates certificates,
            Clock clock) {
        this.keys = keys;
        this.certificates = certificates;
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
        this.sheets = sheets;
        this.pins = pins;
        this.signer = signer;
        this.images = images;
        this.signedDrafts = signedDrafts;
        this.clock = clock;
    }

    /**
     * Signs the current version of the document as {@code signerUserId}.
     *
     * @throws InvalidInputException field "pin" when the PIN is missing or wrong
     * @throws ConflictException     when the key is blocked or unusable, or the document is not awaiting signature
     * @throws ForbiddenException    when the caller is not the document's signer
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sign(Long documentId, String signerUserId, String pin) {
        Document document = signable(documentId, signerUserId);
        if (pin == null || pin.isBlank()) {
            throw InvalidInputException.of("pin", "Cần nhập mã PIN ký số.");
        }
        Signer leader = leader(signerUserId);
        sign(document, leader, open(signerUserId, pin));
    }

    /**
     * The same with the leader's key already opened with the PIN given now, once for several
     * documents (bulk signing): each document still gets its own signature.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void signWith(Long documentId, String signerUserId, SigningIdentity key) {
        if (!key.id().equals(signerUserId)) {
            throw new ForbiddenException("Chỉ lãnh đạo được chọn ký văn bản này mới ký được.");
        }
        Document document = signable(documentId, signerUserId);
        sign(document, leader(signerUserId), key);
    }

    /**
     * The leader's key opened with the PIN, or the refusal as the API gives it.
     *
     * @throws InvalidInputException field "pin" when the PIN is wrong (counted once per call)
     * @throws ConflictException     when the key is blocked or unusable
     */
    public SigningIdentity open(String signerUserId, String pin) {
        if (pin == null || pin.isBlank()) {
            throw InvalidInputException.of("pin", "Cần nhập mã PIN ký số.");
        }
        serverKeyIsTheEnrolledOne(signerUserId);
        try {
            return pins.open(signerUserId, pin);
        } catch (WrongPinException e) {
            // the wrong PIN that blocks the key says so, and until when (not the count of a fresh start)
            throw InvalidInputException.of(
                    "pin",
                    pins.blockedUntil(signerUserId)
                            .map(until -> "Mã PIN ký số không đúng. Khóa ký số bị tạm khóa đến " + until(until)
                                    + " do nhập sai mã PIN nhiều lần.")
                            .orElseGet(() ->
                                    "Mã PIN ký số không đúng (còn " + pins.attemptsLeft(signerUserId) + " lần thử)."));
        } catch (SigningPins.KeyBlockedException e) {
            throw new ConflictException(
                    "Khóa ký số tạm khóa do nhập sai mã PIN nhiều lần; thử lại sau " + until(e.until()) + ".");
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
    }

    /** HH:mm in Vietnam time. */
    public static String until(Instant until) {
        return UNTIL.format(until.atZone(OrganisationProperties.VIETNAM));
    }

    private Document signable(Long documentId, String signerUserId) {
        Document document = SignStep.awaitingSignatureBy(documents.get(documentId), signerUserId);
        serverKeyIsTheEnrolledOne(signerUserId);
        return document;
    }

    /**
     * A leader without a key is told so before being asked for a PIN; so is one whose enrolled
     * certificate (approved by an admin, SigningCertificates) is not the key the server holds: that
     * leader signs with the token the certificate is on, never with a key printed under another name.
     */
    private void serverKeyIsTheEnrolledOne(String signerUserId) {
        java.security.cert.X509Certificate held;
        try {
            held = keys.signerCertificate(signerUserId);
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
        if (certificates.approved(signerUserId).filter(c -> !c.equals(held)).isPresent()) {
            throw new ConflictException(
                    "Chứng thư số đã đăng ký của đồng chí không phải chứng thư của khóa ký số lưu trên"
                            + " máy chủ: hãy ký bằng USB token mang chứng thư số đã đăng ký.");
        }
    }

    private Signer leader(String signerUserId) {
        return directory
                .signer(signerUserId)
                .orElseThrow(() -> new ForbiddenException("Tài khoản này không còn là lãnh đạo ký."));
    }

    private void sign(Document document, Signer leader, SigningIdentity key) {
        Long documentId = document.getId();
        String signerUserId = leader.userId();
        Instant now = clock.instant();
        LocalDate day = now.atZone(OrganisationProperties.VIETNAM).toLocalDate();
        int version = document.getCurrentVersion();
        RenderedPdf rendered = renderer.render(
                sheets.unnumbered(document, documents.currentVersion(document).content(), leader, day));
        byte[] image = images.signer(signerUserId, key.displayName());
        byte[] signed = signer.signAsLeader(rendered.pdf(), key, image, rendered.signerArea(), now);
        try {
            signedDrafts.store(new SignedDrafts.SignedDraft(
                    documentId,
                    version,
                    signerUserId,
                    now,
                    signed,
                    rendered.signerArea(),
                    DocumentSigner.leaderImageArea(rendered.signerArea(), image)));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Phiên bản này đã được ký.");
        }
    }
}
