package vn.vanthu.document;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import vn.vanthu.system.Downloads;

/** How a meeting paper is served, wherever it is offered. */
public final class PaperDownloads {

    private PaperDownloads() {}

    /** Always a download, never shown inline: an uploaded file is not one of our pages. */
    public static ResponseEntity<byte[]> download(MeetingPapers.Paper paper, byte[] content) {
        return Downloads.attachment(paper.name(), MediaType.parseMediaType(paper.contentType()))
                .body(content);
    }
}
