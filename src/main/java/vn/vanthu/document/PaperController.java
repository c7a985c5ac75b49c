package vn.vanthu.document;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartException;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.NotFoundException;

/** Meeting papers over the API: list, upload (multipart field "file"), download, delete. */
@RestController
@RequestMapping("/api/documents/{id}/papers")
class PaperController {

    private final MeetingPapers papers;
    private final PaperUploads uploads;
    private final DocumentService documents;
    private final AccessPolicy access;

    PaperController(MeetingPapers papers, PaperUploads uploads, DocumentService documents, AccessPolicy access) {
        this.papers = papers;
        this.uploads = uploads;
        this.documents = documents;
        this.access = access;
    }

    @GetMapping
    List<MeetingPapers.Paper> list(@PathVariable Long id, Authentication auth) {
        access.check(Caller.of(auth), Action.VIEW_DOCUMENT, documents.readers(documents.get(id)));
        return papers.list(id);
    }

    /** Multipart with the file as "file". Who may is asked before the upload is read. */
    @PostMapping
    ResponseEntity<MeetingPapers.Paper> upload(@PathVariable Long id, HttpServletRequest request, Authentication auth)
            throws IOException {
        MeetingPapers.Paper paper = uploads.upload(id, request, Caller.of(auth));
        return ResponseEntity.created(URI.create("/api/documents/" + id + "/papers/" + paper.id()))
                .body(paper);
    }

    @GetMapping("/{paperId}")
    ResponseEntity<byte[]> download(@PathVariable Long id, @PathVariable Long paperId, Authentication auth) {
        access.check(Caller.of(auth), Action.VIEW_DOCUMENT, documents.readers(documents.get(id)));
        MeetingPapers.Paper paper =
                papers.find(id, paperId).orElseThrow(() -> new NotFoundException("Không có tài liệu " + paperId + "."));
        return PaperDownloads.download(paper, papers.content(paper.id()));
    }

    @DeleteMapping("/{paperId}")
    ResponseEntity<Void> delete(@PathVariable Long id, @PathVariable Long paperId, Authentication auth) {
        papers.remove(id, paperId, Caller.of(auth));
        return ResponseEntity.noContent().build();
    }

    /** Multipart limits (spring.servlet.multipart.*) are bad input here, not 413 or 500. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail badUpload(MultipartException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, uploads.unreadable());
        problem.setTitle("Dữ liệu không hợp lệ");
        return problem;
    }
}
