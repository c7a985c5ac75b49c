package vn.vanthu.document;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;

/**
 * The one way a meeting paper is uploaded, from the API and from the document page: multipart with
 * the file as "file"; who may is asked before the upload is read.
 */
@Component
public class PaperUploads {

    private final MeetingPapers papers;
    private final DocumentService documents;
    private final AccessPolicy access;

    PaperUploads(MeetingPapers papers, DocumentService documents, AccessPolicy access) {
        this.papers = papers;
        this.documents = documents;
        this.access = access;
    }

    /**
     * Adds the posted file to the document's papers.
     *
     * @throws IOException the upload cannot be read ({@link #unreadable()} says so to people)
     */
    public MeetingPapers.Paper upload(Long documentId, HttpServletRequest request, Caller caller) throws IOException {
        access.check(caller, Action.EDIT_DRAFT, AccessPolicy.Subject.of(documents.get(documentId)));
        MultipartFile file =
                request instanceof MultipartHttpServletRequest multipart ? multipart.getFile("file") : null;
        return papers.add(
                documentId,
                file == null ? null : file.getOriginalFilename(),
                file == null ? null : file.getBytes(),
                caller);
    }

    /** What an unreadable or too large upload (spring.servlet.multipart.* limits) is told. */
    public String unreadable() {
        return "Tệp tải lên không đọc được hoặc quá lớn (mỗi tài liệu tối đa "
                + PaperSizes.text(papers.settings().maxFileSize().toBytes()) + ").";
    }
}
