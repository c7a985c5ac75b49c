package vn.vanthu.signing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

/** Enrolment of the signers' certificates (docs/signing.md, "Enrolment"); the rules are in {@link SigningCertificates}. */
@RestController
class SigningCertificateController {

    private final SigningCertificates certificates;

    SigningCertificateController(SigningCertificates certificates) {
        this.certificates = certificates;
    }

    /** POST /api/me/signing-certificate {"certificate": [base64 DER, leaf first, …]}: a signer presents their token's. */
    @PostMapping("/api/me/signing-certificate")
    @ResponseStatus(HttpStatus.CREATED)
    Presented present(@RequestBody(required = false) CertificateBody body, Authentication auth) {
        SigningCertificates.Enrolment e = certificates.present(Caller.of(auth), der(body));
        return new Presented(e.id(), e.state().name(), e.subject(), e.fingerprint());
    }

    /** GET /api/admin/signing-certificates?state=PENDING: every state without one. */
    @GetMapping("/api/admin/signing-certificates")
    List<EnrolmentView> list(@RequestParam(required = false) String state, Authentication auth) {
        SigningCertificates.State wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = SigningCertificates.State.valueOf(state.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of(
                        "state", "Trạng thái phải là PENDING, APPROVED, SUPERSEDED hoặc REFUSED.");
            }
        }
        return certificates.list(Caller.of(auth), wanted).stream()
                .map(EnrolmentView::of)
                .toList();
    }

    @PostMapping("/api/admin/signing-certificates/{certificateId}/approve")
    EnrolmentView approve(@PathVariable long certificateId, Authentication auth) {
        return EnrolmentView.of(certificates.approve(certificateId, Caller.of(auth)));
    }

    @PostMapping("/api/admin/signing-certificates/{certificateId}/refuse")
    EnrolmentView refuse(
            @PathVariable long certificateId, @RequestBody(required = false) NoteBody body, Authentication auth) {
        return EnrolmentView.of(certificates.refuse(certificateId, Caller.of(auth), body == null ? null : body.note()));
    }

    /** PUT /api/admin/signers/{userId}/signing-certificate {"certificate": [...]}: APPROVED at once. */
    @PutMapping("/api/admin/signers/{userId}/signing-certificate")
    EnrolmentView upload(
            @PathVariable String userId, @RequestBody(required = false) CertificateBody body, Authentication auth) {
        return EnrolmentView.of(certificates.upload(userId, der(body), Caller.of(auth)));
    }

    private static List<byte[]> der(CertificateBody body) {
        if (body == null || body.certificate() == null) {
            return List.of();
        }
        return body.certificate().stream()
                .map(c -> {
                    try {
                        return Base64.getDecoder().decode(c == null ? "" : c.strip());
                    } catch (IllegalArgumentException e) {
                        throw InvalidInputException.of(
                                SigningCertificates.FIELD, "Chứng thư số phải là base64 của DER X.509.");
                    }
                })
                .toList();
    }

    record CertificateBody(List<String> certificate) {}

    record NoteBody(String note) {}

    record Presented(long id, String state, String subject, String fingerprint) {}

    record EnrolmentView(
            long id,
            String user,
            String state,
            String subject,
            String issuer,
            OffsetDateTime notBefore,
            OffsetDateTime notAfter,
            String fingerprint,
            String presentedBy,
            OffsetDateTime presentedAt,
            String decidedBy,
            OffsetDateTime decidedAt,
            String note) {

        static EnrolmentView of(SigningCertificates.Enrolment e) {
            return new EnrolmentView(
                    e.id(),
                    e.userId(),
                    e.state().name(),
                    e.subject(),
                    e.issuer(),
                    vn(e.notBefore()),
                    vn(e.notAfter()),
                    e.fingerprint(),
                    e.presentedBy(),
                    vn(e.presentedAt()),
                    e.decidedBy(),
                    vn(e.decidedAt()),
                    e.note());
        }

        private static OffsetDateTime vn(Instant t) {
            return t == null ? null : t.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
        }
    }
}
