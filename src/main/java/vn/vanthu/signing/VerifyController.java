package vn.vanthu.signing;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.MultipartFile;

/** Anyone may check a signed PDF: the body itself, or a form upload in the field "file". */
@RestController
class VerifyController {

    private final PdfVerification verification;

    VerifyController(PdfVerification verification) {
        this.verification = verification;
    }

    @PostMapping(
            value = "/api/public/verify",
            consumes = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    PdfVerification.Result verifyBody(HttpServletRequest request) throws IOException {
        return verification.verify(
                PdfVerification.readLimited(request.getInputStream(), request.getContentLengthLong()));
    }

    @PostMapping(value = "/api/public/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    PdfVerification.Result verifyUpload(@RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return verification.verify(new byte[0]); // 400 with the same message as an empty body
        }
        if (file.getSize() > PdfVerification.MAX_BYTES) {
            throw PdfVerification.tooLarge();
        }
        return verification.verify(file.getBytes());
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
