package vn.vanthu.signing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.stereotype.Service;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.DocumentStatus;
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

    /**
     * What {@code POST /api/public/verify} answers and the page shows.
     *
     * @param valid      the verdict is ISSUED_ORIGINAL: every signature (and document timestamp) TOTAL_PASSED under
     *                   the trust anchors, the organisation's seal last, nothing after it but validation data
     * @param indication the worst signature's ETSI indication (TOTAL_PASSED, INDETERMINATE, TOTAL_FAILED); null
     *                   when the file has no signature
     * @param reason     the first problem, in Vietnamese; null when valid
     * @param signatures in file order
     * @param document   ours when these exact bytes are a PDF Văn thư issued, else null
     * @param verdict    ISSUED_ORIGINAL, SIGNED_NOT_ISSUED, MODIFIED, UNTRUSTED or NOT_SIGNED
     */
    public record Result(
            boolean valid,
            String indication,
            String reason,
            List<Signature> signatures,
            Document document,
            VerificationReport.Verdict verdict) {

        /** The verdict in plain Vietnamese, for the page. */
        public String verdictLabel() {
            return switch (verdict) {
                case ISSUED_ORIGINAL -> "Văn bản ban hành nguyên vẹn: chữ ký của người ký và dấu của cơ quan hợp lệ";
                case SIGNED_NOT_ISSUED ->
                    "Bản chưa ban hành: chỉ có chữ ký của người ký, chưa có số và dấu của cơ quan";
                case MODIFIED -> "Tài liệu đã bị sửa đổi hoặc thêm nội dung sau khi ký";
                case UNTRUSTED -> "Chữ ký nguyên vẹn nhưng không xác nhận được người ký là ai";
                case NOT_SIGNED -> "Tệp không có chữ ký số hợp lệ để kiểm tra";
            };
        }

        /** Ours and recalled: the page says so before anything else. */
        public boolean recalled() {
            return document != null && Document.RECALLED.equals(document.status());
        }
    }

    /**
     * One signature. Times in Vietnam time, so JSON shows +07:00.
     *
     * @param signingTime         the time the signer claims (/M)
     * @param timestamp           the RFC 3161 signature timestamp accepted by DSS (a trusted TSA), or null
     * @param coversWholeDocument nothing was added to the file after this signature
     */
    public record Signature(
            String signer,
            String indication,
            String subIndication,
            boolean trusted,
            OffsetDateTime signingTime,
            OffsetDateTime timestamp,
            boolean coversWholeDocument) {

        /** The indication in plain Vietnamese, for the page. */
        public String indicationLabel() {
            return PdfVerification.indicationLabel(indication);
        }
    }

    /** A document Văn thư issued; {@code title} only for the page. */
    public record Document(
            long id,
            String number,
            String status,
            @JsonIgnore String title) {
        public static final String ISSUED = DocumentStatus.ISSUED.name();
        public static final String RECALLED = DocumentStatus.RECALLED.name();
    }

    public static String indicationLabel(String indication) {
        if (indication == null) {
            return "";
        }
        return switch (indication) {
            case VerificationReport.TOTAL_PASSED -> "Hợp lệ";
            case VerificationReport.TOTAL_FAILED -> "Không hợp lệ";
            case VerificationReport.INDETERMINATE -> "Chưa xác định được";
            default -> indication;
        };
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
                .map(s -> new Signature(
                        s.signer(),
                        s.indication(),
                        s.subIndication(),
                        s.certificateTrusted(),
                        vietnam(s.signedAt()),
                        vietnam(s.timestamp()),
                        s.coversWholeFile()))
                .toList();
        // only the exact bytes Văn thư stored count as "issued by the system"
        RegisterEntry issued = files.documentWithHash(IssuedFiles.sha256(pdf))
                .flatMap(register::ofDocument)
                .orElse(null);
        Document document = issued == null
                ? null
                : new Document(
                        issued.documentId(),
                        issued.number(),
                        issued.recalled() ? Document.RECALLED : Document.ISSUED,
                        issued.title());
        return new Result(report.valid(), report.indication(), report.reason(), signatures, document, report.verdict());
    }

    private static OffsetDateTime vietnam(Instant instant) {
        return instant == null
                ? null
                : instant.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
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
