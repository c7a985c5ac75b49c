package vn.vanthu.signing;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.stereotype.Service;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.numbering.RegisterEntry;
import vn.vanthu.system.InvalidInputException;

/**
 * Checks an uploaded PDF for the public API and the public page: its signatures, and whether
 * these exact bytes are a document Văn thư issued.
 */
@Service
public class PdfVerification {

    public static final int MAX_BYTES = 20 * 1024 * 1024;

    private final SignatureVerifier verifier;
    private final IssuedFiles files;
    private final OutgoingRegister register;

    PdfVerification(SignatureVerifier verifier, IssuedFiles files, OutgoingRegister register) {
        this.verifier = verifier;
        this.files = files;
        this.register = register;
    }

    /** What the API answers and the page shows; number, documentId and title only for an issued file. */
    public record Result(boolean valid, String reason, List<Signature> signatures,
                         String number, Long documentId, String title, boolean recalled) {
    }

    /** signedAt in Vietnam time, so JSON shows +07:00. */
    public record Signature(String signer, OffsetDateTime signedAt, boolean intact,
                            boolean certificateTrusted, boolean coversWholeFile) {
    }

    public Result verify(byte[] pdf) {
        if (pdf == null || pdf.length == 0) {
            throw InvalidInputException.of("file", "Chưa có tệp PDF: nội dung gửi lên rỗng.");
        }
        if (pdf.length > MAX_BYTES) {
            throw tooLarge();
        }
        VerificationReport report = verifier.verify(pdf);
        List<Signature> signatures = report.signatures().stream()
                .map(s -> new Signature(s.signer(),
                        s.signedAt() == null ? null : s.signedAt().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime(),
                        s.intact(), s.certificateTrusted(), s.coversWholeFile()))
                .toList();
        // only the exact bytes Văn thư stored count as "issued by the system"
        RegisterEntry issued = files.documentWithHash(IssuedFiles.sha256(pdf)).flatMap(register::ofDocument).orElse(null);
        return new Result(report.valid(), report.reason(), signatures,
                issued == null ? null : issued.number(), issued == null ? null : issued.documentId(),
                issued == null ? null : issued.title(), issued != null && issued.recalled());
    }

    /** Reads a request body, refusing one larger than {@link #MAX_BYTES} without buffering the rest. */
    public static byte[] readLimited(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    public static InvalidInputException tooLarge() {
        return InvalidInputException.of("file", "Tệp quá lớn: tối đa " + MAX_BYTES / (1024 * 1024) + " MB.");
    }
}
