package vn.vanthu.issuing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Signer;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.issuing.RemoteSignRequests.State;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.signing.DocumentSigner;
import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.RemoteSigningService;
import vn.vanthu.signing.SignatureImages;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;

/**
 * A leader's signature made by a remote signing service (docs/remote-signing.md): the leader's
 * own act is the approval on the phone. Phase 1 (when the leader chooses "sign") renders the
 * version, computes DSS's data-to-sign with the leader's certificate and a fixed signing time, and
 * sends its SHA-256; each poll asks for the answer; on approval phase 2 checks the returned
 * certificate and signature value, builds the signed PDF and stores it exactly as
 * {@link LeaderSignature} does, with the SIGNED history entry the issue step requires.
 */
@Service
public class RemoteLeaderSignature {

    private static final Logger log = LoggerFactory.getLogger(RemoteLeaderSignature.class);
    /** The history entries of a remote signature besides SIGNED. */
    public static final String REQUESTED = "REMOTE_SIGN_REQUESTED";

    public static final String ENDED = "REMOTE_SIGN_ENDED";

    /** What a poll found: still waiting, signed, or ended without a signature (why is in the history). */
    public record Outcome(Kind kind, String reason) {
        public enum Kind {
            PENDING,
            SIGNED,
            REFUSED
        }

        static final Outcome PENDING = new Outcome(Kind.PENDING, null);
        static final Outcome SIGNED = new Outcome(Kind.SIGNED, null);

        static Outcome refused(String reason) {
            return new Outcome(Kind.REFUSED, reason);
        }
    }

    private final DocumentService documents;
    private final Directory directory;
    private final DocumentRenderer renderer;
    private final DocumentSheets sheets;
    private final SigningKeys keys;
    private final DocumentSigner signer;
    private final SignatureImages images;
    private final SignedDrafts signedDrafts;
    private final RemoteSignRequests requests;
    private final RemoteSigningService service;
    private final Clock clock;
    private final TransactionTemplate separately;

    RemoteLeaderSignature(
            DocumentService documents,
            Directory directory,
            DocumentRenderer renderer,
            DocumentSheets sheets,
            SigningKeys keys,
            DocumentSigner signer,
            SignatureImages images,
            SignedDrafts signedDrafts,
            RemoteSignRequests requests,
            RemoteSigningService service,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.documents = documents;
        this.directory = directory;
        this.renderer = renderer;
        this.sheets = sheets;
        this.keys = keys;
        this.signer = signer;
        this.images = images;
        this.signedDrafts = signedDrafts;
        this.requests = requests;
        this.service = service;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public boolean isRemote(String userId) {
        return service.settings().isRemote(userId);
    }

    /**
     * Phase 1 and the request to the service, in the transaction that completes the sign task.
     * Returns the moment the leader's approval is no longer awaited.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Instant request(Long documentId, String signerUserId) {
        Document document = SignStep.awaitingSignatureBy(documents.get(documentId), signerUserId);
        X509Certificate certificate;
        try {
            certificate = keys.signerCertificate(signerUserId);
        } catch (NoSigningKeyException e) {
            throw new ConflictException(e.getMessage() + " Không thể ký ban hành; hãy liên hệ quản trị hệ thống.");
        }
        Signer leader = directory
                .signer(signerUserId)
                .orElseThrow(() -> new ForbiddenException("Tài khoản này không còn là lãnh đạo ký."));
        int version = document.getCurrentVersion();
        // the sign task is open, so nothing waits on an earlier request: one still PENDING was left by a
        // move of the process outside Văn thư (Cockpit, REST); withdraw it so the phone shows one request
        requests.find(documentId, version)
                .filter(r -> r.state() == State.PENDING)
                .ifPresent(r -> {
                    requests.end(documentId, version, State.CANCELLED);
                    cancelQuietly(r.requestId());
                });
        // DSS and the signature dictionary's /M keep milliseconds out: phase 2 must rebuild the same bytes
        Instant now = clock.instant().with(java.time.temporal.ChronoField.MILLI_OF_SECOND, 0);
        LocalDate day = now.atZone(OrganisationProperties.VIETNAM).toLocalDate();
        var content = documents.currentVersion(document).content();
        RenderedPdf rendered = renderer.render(sheets.unnumbered(document, content, leader, day));
        String name = SigningKeys.commonName(certificate);
        byte[] image = images.signer(signerUserId, name == null ? signerUserId : name);
        byte[] digest = sha256(signer.leaderDataToSign(rendered.pdf(), certificate, image, rendered.signerArea(), now));
        String requestId;
        try {
            requestId = service.create(signerUserId, content.title(), digest);
        } catch (RemoteSigningService.UnavailableException | RemoteSigningService.ProtocolException e) {
            log.warn("Remote signing request for document {} failed: {}", documentId, e.getMessage());
            throw new ConflictException("Không gửi được yêu cầu ký tới dịch vụ ký số từ xa; hãy thử lại sau ít phút.");
        }
        // the request exists at the service now: if this transaction does not commit, withdraw it there
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    cancelQuietly(requestId);
                }
            }
        });
        Instant deadline = clock.instant().plus(service.settings().timeout());
        requests.replace(new RemoteSignRequests.Request(
                documentId,
                version,
                signerUserId,
                requestId,
                State.PENDING,
                now,
                deadline,
                Base64.getEncoder().encodeToString(digest),
                rendered.signerArea(),
                0,
                image,
                rendered.pdf()));
        documents.record(
                documentId,
                signerUserId,
                REQUESTED,
                "Đã gửi yêu cầu ký tới thiết bị của lãnh đạo; chờ xác nhận đến " + VietnameseTime.of(deadline) + ".");
        return deadline;
    }

    /**
     * One poll of the service, in the polling job's transaction. A service that cannot be reached
     * throws (the engine retries the job) until the last attempt, which ends the request.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome poll(Long documentId) {
        Document document = documents.get(documentId);
        int version = document.getCurrentVersion();
        RemoteSignRequests.Request request = requests.find(documentId, version).orElse(null);
        if (request == null) {
            return refuse(documentId, null, "không có yêu cầu ký trên thiết bị cho phiên bản " + version);
        }
        switch (request.state()) {
            case SIGNED -> {
                return Outcome.SIGNED; // a repeated poll: the signature is stored already, once
            }
            case PENDING -> {}
            default -> {
                return Outcome.refused("yêu cầu ký đã kết thúc (" + request.state() + ")"); // recorded when it ended
            }
        }
        if (clock.instant().isAfter(request.deadline())) {
            if (request.failures() > 0) { // the leader could not have approved: say what went wrong
                cancelQuietly(request.requestId());
                return end(documentId, version, State.FAILED, unreachable(request.failures()));
            }
            return timedOut(documentId);
        }
        RemoteSigningService.Answer answer;
        try {
            answer = service.poll(request.requestId());
        } catch (RemoteSigningService.UnavailableException e) {
            int failures = separately.execute(s -> requests.failed(documentId, version));
            log.warn(
                    "Remote signing service unreachable for document {} ({} of {}): {}",
                    documentId,
                    failures,
                    service.settings().maxAttempts(),
                    e.getMessage());
            if (failures < service.settings().maxAttempts()) {
                throw e;
            }
            cancelQuietly(request.requestId());
            return end(documentId, version, State.FAILED, unreachable(failures));
        } catch (RemoteSigningService.ProtocolException e) {
            cancelQuietly(request.requestId());
            return end(
                    documentId,
                    version,
                    State.FAILED,
                    "Dịch vụ ký số từ xa trả lời không đúng quy ước (" + e.getMessage()
                            + "). Văn bản trở lại bước ký.");
        }
        if (request.failures() > 0) {
            requests.reachable(documentId, version);
        }
        return switch (answer.status()) {
            case PENDING -> Outcome.PENDING;
            case DENIED ->
                end(documentId, version, State.DENIED, "Lãnh đạo từ chối ký trên thiết bị. Văn bản trở lại bước ký.");
            case EXPIRED ->
                end(
                        documentId,
                        version,
                        State.EXPIRED,
                        "Yêu cầu ký trên thiết bị đã hết hạn ở dịch vụ ký số. Văn bản trở lại bước ký.");
            case APPROVED -> approved(document, request, answer);
        };
    }

    /** Phase 2, once: the claim on the row makes a second APPROVED answer (or a cancel in between) a no-op. */
    private Outcome approved(
            Document document, RemoteSignRequests.Request request, RemoteSigningService.Answer answer) {
        Long documentId = document.getId();
        X509Certificate expected = keys.signerCertificate(request.signer());
        byte[] signed;
        try {
            signed = signer.completeLeaderSignature(
                    request.pdf(),
                    expected,
                    answer.chain(),
                    answer.signatureValue(),
                    request.image(),
                    request.signerArea(),
                    request.signingTime());
        } catch (IllegalArgumentException e) {
            log.warn("Remote signature of document {} refused: {}", documentId, e.getMessage());
            return end(
                    documentId,
                    request.versionNo(),
                    State.FAILED,
                    "Chữ ký trả về từ dịch vụ ký số không hợp lệ (" + e.getMessage()
                            + "); không lưu. Văn bản trở lại bước ký.");
        }
        if (!requests.end(documentId, request.versionNo(), State.SIGNED)) {
            // the leader cancelled, or another poll stored it, between our read and now
            return requests.find(documentId, request.versionNo())
                    .map(r -> r.state() == State.SIGNED
                            ? Outcome.SIGNED
                            : Outcome.refused("yêu cầu ký đã kết thúc (" + r.state() + ")"))
                    .orElse(Outcome.refused("không còn yêu cầu ký"));
        }
        try {
            signedDrafts.store(new SignedDrafts.SignedDraft(
                    documentId,
                    request.versionNo(),
                    request.signer(),
                    request.signingTime(),
                    signed,
                    request.signerArea(),
                    DocumentSigner.leaderImageArea(request.signerArea(), request.image())));
        } catch (DuplicateKeyException e) {
            return Outcome.SIGNED;
        }
        // recorded now that the signature is here: the issue step requires exactly this entry
        documents.record(documentId, request.signer(), "SIGNED", "Ký trên thiết bị (dịch vụ ký số từ xa).");
        return Outcome.SIGNED;
    }

    /** The leader's approval did not come in time: withdraw the request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome timedOut(Long documentId) {
        int version = documents.get(documentId).getCurrentVersion();
        requests.find(documentId, version).ifPresent(r -> cancelQuietly(r.requestId()));
        return end(
                documentId,
                version,
                State.TIMED_OUT,
                "Hết thời gian chờ xác nhận ký trên thiết bị ("
                        + minutes(service.settings().timeout()) + "). Văn bản trở lại bước ký.");
    }

    /** The leader withdraws the request (document page or API); false when it had already ended. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean cancel(Long documentId, String userId) {
        int version = documents.get(documentId).getCurrentVersion();
        RemoteSignRequests.Request request = requests.find(documentId, version).orElse(null);
        if (request == null || !requests.end(documentId, version, State.CANCELLED)) {
            return false;
        }
        cancelQuietly(request.requestId());
        documents.record(documentId, userId, ENDED, "Lãnh đạo hủy yêu cầu ký trên thiết bị. Văn bản trở lại bước ký.");
        return true;
    }

    private Outcome end(Long documentId, int version, State state, String why) {
        if (!requests.end(documentId, version, state)) {
            return Outcome.refused("yêu cầu ký đã kết thúc");
        }
        return refuse(documentId, state, why);
    }

    private Outcome refuse(Long documentId, State state, String why) {
        documents.record(documentId, "system", ENDED, why);
        log.info("Remote signature of document {} ended ({}): {}", documentId, state, why);
        return Outcome.refused(why);
    }

    private void cancelQuietly(String requestId) {
        try {
            service.cancel(requestId);
        } catch (RuntimeException e) {
            // the service's own expiry ends it; our row already says it is over
            log.warn("Could not cancel remote sign request {}: {}", requestId, e.getMessage());
        }
    }

    private static String unreachable(int attempts) {
        return "Dịch vụ ký số từ xa không phản hồi sau " + attempts
                + " lần thử; chữ ký chưa được nhận. Văn bản trở lại bước ký, hãy ký lại sau ít phút.";
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " phút" : d.toSeconds() + " giây";
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HH:mm in Vietnam time, for the history line. */
    private static final class VietnameseTime {
        static String of(Instant t) {
            return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy")
                    .format(t.atZone(OrganisationProperties.VIETNAM));
        }
    }
}
