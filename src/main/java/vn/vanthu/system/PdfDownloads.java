package vn.vanthu.system;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How an issued document's PDF is named and served, wherever it is offered. */
public final class PdfDownloads {

    private PdfDownloads() {}

    /** "117-GM/ĐUK" → "117-GM-ĐUK.pdf" (a slash cannot stand in a file name). */
    public static String fileName(String number) {
        return number.replace('/', '-') + ".pdf";
    }

    /** A PDF answer shown in the browser, saved under this name (RFC 6266, UTF-8 for the Đ). */
    public static ResponseEntity.BodyBuilder inline(String fileName) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(fileName, StandardCharsets.UTF_8)
                                .build()
                                .toString());
    }
}
