package vn.vanthu.issuing;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.spi.DSSASN1Utils;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import vn.vanthu.signing.ClientSigningProperties;
import vn.vanthu.signing.DocumentSigner;
import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.SignatureImages;
import vn.vanthu.signing.SigningCertificatePaths;
import vn.vanthu.signing.SigningCertificates;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.GoneException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * A leader's signature made by the leader's own token, in DSS's two steps (docs/signing.md,
 * "Signing with the leader's own token"). Step 1 checks the certificate the token shows (the one
 * enrolled for the leader, chaining to a trust anchor, valid, for signing), renders the
 * unnumbered text, fixes the signing time and keeps everything with the request; step 2 checks the
 * token's signature value over the data-to-sign and stores the signed draft exactly as
 * {@link LeaderSignature} does, inside the transaction that completes the sign task.
 */
@Service
@EnableConfigurationProperties(ClientSigningProperties.class)
public class ClientLeaderSignature {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy");

    /** What step 1 hands to the token: sign {@code dataToSign} with {@code signatureAlgorithm}. */
    public record Prepared(
            String requestId, byte[] dataToSign, byte[] digest, String signatureAlgorithm, Instant expiresAt) {}

    private final DocumentService documents;
    private final Directory directory;
    private final DocumentRenderer renderer;
    private final DocumentSheets sheets;
    private final SigningKeys keys;
    private final SigningCertificates enrolment;
    private final DocumentSigner signer;
    private final SignatureImages images;
    private final SignedDrafts signedDrafts;
    private final ClientSignRequests requests;
    private final ClientSigningProperties settings;
    private final Clock clock;

    ClientLeaderSignature(
            DocumentService documents,
            Directory directory,
            DocumentRenderer renderer,
            DocumentSheets sheets,
            SigningKeys keys,
            SigningCertificates enrolment,
            DocumentSigner signer,
            SignatureImages images,
            SignedDrafts signedDrafts,
            ClientSignRequests requests,
            ClientSigningProperties settings,
            Clock clock) {
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
        this.sheets = sheets;
        this.keys = keys;
        this.enrolment = enrolment;
        this.signer = signer;
        this.images = images;
        this.signedDrafts = signedDrafts;
        this.requests = requests;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Step 1 for the sign task {@code taskId} of the document.
     *
     * @param certificates DER, the leaf first; the rest of the chain may follow in any order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Prepared prepare(Long documentId, String taskId, String signerUserId, List<byte[]> certificates) {
        Document document = signable(documentId, signerUserId);
        X509Certificate enrolled = enrolled(signerUserId);
        Instant now = clock.instant();
        List<X509Certificate> chain =
                checkedChain(SigningCertificatePaths.parse(certificates), enrolled, keys.trustAnchors(), now);
        Signer leader = directory
                .signer(signerUserId)
                .orElseThrow(() -> new ForbiddenException("Tài khoản này không còn là lãnh đạo ký."));
        // DSS and the signature dictionary's /M keep milliseconds out: step 2 must rebuild the same bytes
        Instant signingTime = now.with(ChronoField.MILLI_OF_SECOND, 0);
        LocalDate day = signingTime.atZone(OrganisationProperties.VIETNAM).toLocalDate();
        RenderedPdf rendered = renderer.render(
                sheets.unnumbered(document, documents.currentVersion(document).content(), leader, day));
        String name = SigningKeys.commonName(enrolled);
        byte[] image = images.signer(signerUserId, name == null ? signerUserId : name);
        byte[] dataToSign =
                signer.leaderDataToSign(rendered.pdf(), enrolled, image, rendered.signerArea(), signingTime);
        requests.deleteExpired(documentId, now); // a leader asking again leaves no pile of dead requests
        String requestId = UUID.randomUUID().toString();
        Instant expiresAt = now.plus(settings.requestValidity());
        requests.insert(new ClientSignRequests.Request(
                requestId,
                taskId,
                documentId,
                document.getCurrentVersion(),
                signerUserId,
                ClientSignRequests.State.PENDING,
                signingTime,
                expiresAt,
                chain,
                dataToSign,
                rendered.signerArea(),
                image,
                rendered.pdf()));
        return new Prepared(
                requestId, dataToSign, sha256(dataToSign), algorithm(enrolled).getJCEId(), expiresAt);
    }

    /**
     * Step 2: the token's signature value over step 1's data-to-sign (DER or plain r‖s for ECDSA).
     * Refused with nothing changed when the request is unknown (404), used (409), expired (410), or
     * the value does not verify (400: the same request may be answered again until it expires).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(Long documentId, String taskId, String signerUserId, String requestId, byte[] signatureValue) {
        Document document = signable(documentId, signerUserId);
        ClientSignRequests.Request request = requests.find(requestId)
                .filter(r -> r.taskId().equals(taskId)
                        && r.documentId().equals(documentId)
                        && r.signer().equals(signerUserId))
                .orElseThrow(() -> new NotFoundException("Không có yêu cầu ký " + requestId + " cho công việc này."));
        if (request.state() == ClientSignRequests.State.COMPLETED) {
            throw new ConflictException("Yêu cầu ký này đã được dùng; văn bản đã được ký.");
        }
        if (!clock.instant().isBefore(request.expiresAt())) {
            throw new GoneException("Yêu cầu ký đã hết hạn lúc " + at(request.expiresAt())
                    + "; hãy gửi lại chứng thư số để lấy dữ liệu ký mới.");
        }
        if (request.versionNo() != document.getCurrentVersion()) {
            throw new ConflictException("Văn bản đã có phiên bản mới sau yêu cầu ký này; hãy ký lại.");
        }
        X509Certificate enrolled = enrolled(signerUserId); // still the same certificate, not renewed meanwhile
        byte[] value = standard(enrolled, signatureValue);
        byte[] signed;
        try {
            signed = signer.completeLeaderSignature(
                    request.pdf(),
                    enrolled,
                    request.chain(),
                    value,
                    request.image(),
                    request.signerArea(),
                    request.signingTime());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(
                    "signatureValue",
                    "Chữ ký số không khớp với dữ liệu cần ký và chứng thư số của lãnh đạo; hãy ký lại bằng đúng"
                            + " thiết bị ký (yêu cầu còn hiệu lực đến " + at(request.expiresAt()) + ").");
        }
        if (!requests.complete(requestId)) {
            throw new ConflictException("Yêu cầu ký này đã được dùng; văn bản đã được ký.");
        }
        try {
            signedDrafts.store(new SignedDrafts.SignedDraft(
                    documentId,
                    request.versionNo(),
                    signerUserId,
                    request.signingTime(),
                    signed,
                    request.signerArea(),
                    DocumentSigner.leaderImageArea(request.signerArea(), request.image())));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Phiên bản này đã được ký.");
        }
    }

    private Document signable(Long documentId, String signerUserId) {
        return SignStep.awaitingSignatureBy(documents.get(documentId), signerUserId);
    }

    private X509Certificate enrolled(String signerUserId) {
        try {
            // the APPROVED one, else the server-held key's (demo leaders): SigningCertificates.enrolled
            return enrolment.enrolled(signerUserId).orElseGet(() -> keys.signerCertificate(signerUserId));
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
    }

    /**
     * The leaf must be the certificate enrolled for the leader (a self-made one with the same name
     * is not), valid now, for signing, and chain to a trust anchor; returns the path, leaf first,
     * with its anchor. Revocation is checked when the issued file is validated, not here.
     */
    static List<X509Certificate> checkedChain(
            List<X509Certificate> given, X509Certificate enrolled, List<X509Certificate> trustAnchors, Instant now) {
        X509Certificate leaf = given.get(0);
        if (!leaf.equals(enrolled)) {
            throw new ForbiddenException("Chứng thư số gửi lên không phải chứng thư số đã đăng ký của lãnh đạo ký"
                    + " văn bản này; hãy dùng đúng thiết bị ký của mình.");
        }
        try {
            return SigningCertificatePaths.forSigning(given, trustAnchors, now);
        } catch (SigningCertificatePaths.UntrustedException e) {
            throw new ForbiddenException(e.getMessage());
        }
    }

    private static SignatureAlgorithm algorithm(X509Certificate certificate) {
        return SignatureAlgorithm.getAlgorithm(
                EncryptionAlgorithm.forKey(certificate.getPublicKey()), DigestAlgorithm.SHA256);
    }

    /** A token's ECDSA answers plain r‖s (PKCS#11); Java's Signature, and DSS's CMS, want DER. */
    private static byte[] standard(X509Certificate certificate, byte[] value) {
        if (value == null || value.length == 0) {
            throw InvalidInputException.of("signatureValue", "Cần giá trị chữ ký (signatureValue, base64).");
        }
        if (algorithm(certificate).getEncryptionAlgorithm() == EncryptionAlgorithm.ECDSA
                && !DSSASN1Utils.isAsn1EncodedSignatureValue(value)
                && value.length % 2 == 0) {
            try {
                return DSSASN1Utils.toStandardDSASignatureValue(value);
            } catch (RuntimeException e) {
                return value; // not r‖s either: the verification refuses it
            }
        }
        return value;
    }

    private static String at(Instant t) {
        return AT.format(t.atZone(OrganisationProperties.VIETNAM));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
