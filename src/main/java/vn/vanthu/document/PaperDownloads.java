package vn.vanthu.document;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** How a meeting paper is served, wherever it is offered. */
public final class PaperDownloads {

    private PaperDownloads() {}

    /** Always a download, never shown inline: an uploaded file is not one of our pages. */
    public static ResponseEntity<byte[]> download(MeetingPapers.Paper paper, byte[] content) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(paper.contentType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(paper.name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(content);
    }
}
