package vn.vanthu.signing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;
import vn.vanthu.security.ClientAddresses;

/**
 * Anyone may check a signed PDF: the body itself, or a form upload in the field "file". Through the
 * {@link VerificationGate}: a rate per address, a few checks at once, a time budget.
 */
@RestController
class VerifyController {

    private final VerificationGate gate;
    private final ClientAddresses addresses;

    VerifyController(VerificationGate gate, ClientAddresses addresses) {
        this.gate = gate;
        this.addresses = addresses;
    }

    @PostMapping(
            value = "/api/public/verify",
            consumes = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    PdfVerification.Result verifyBody(HttpServletRequest request) throws IOException {
        return gate.check(
                addresses.of(request),
                PdfVerification.readLimited(request.getInputStream(), request.getContentLengthLong()));
    }

    @PostMapping(value = "/api/public/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PdfVerification.Result verifyUpload(
            @RequestParam(name = "file", required = false) MultipartFile file, HttpServletRequest request)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return gate.check(addresses.of(request), new byte[0]); // 400 with the same message as an empty body
        }
        if (file.getSize() > PdfVerification.MAX_BYTES) {
            throw PdfVerification.tooLarge();
        }
        return gate.check(addresses.of(request), file.getBytes());
    }

    /** 429, 503 or 422 as problem+json; Retry-After (seconds) when trying again later can help. */
    @ExceptionHandler(VerificationGate.Refused.class)
    ResponseEntity<ProblemDetail> refused(VerificationGate.Refused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        e.retryAfterSeconds().ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
        return answer.body(problem);
    }

    /** Multipart limits (spring.servlet.multipart.*) are bad input here, not 413 or 500. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail badUpload(MultipartException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "Tệp tải lên không đọc được hoặc quá lớn (tối đa " + PdfVerification.MAX_BYTES / (1024 * 1024)
                        + " MB).");
        problem.setTitle("Dữ liệu không hợp lệ");
        return problem;
    }
}
