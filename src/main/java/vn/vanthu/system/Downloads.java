package vn.vanthu.system;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How files are served: an issued document's PDF wherever it is offered, and downloads. */
public final class Downloads {

    private Downloads() {}

    /** "117-GM/ĐUK" → "117-GM-ĐUK.pdf" (a slash cannot stand in a file name). */
    public static String fileName(String number) {
        return number.replace('/', '-') + ".pdf";
    }

    /**
     * A file answer saved, never shown in this origin, under this name (RFC 6266, UTF-8 for
     * Vietnamese names), kept in no shared cache.
     */
    public static ResponseEntity.BodyBuilder attachment(String fileName, MediaType type) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
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
