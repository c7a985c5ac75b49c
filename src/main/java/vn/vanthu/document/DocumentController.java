package vn.vanthu.document;

import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.PdfDownloads;

@RestController
@RequestMapping("/api/documents")
class DocumentController {

    private final DocumentService documents;
    private final DocumentViews views;
    private final IssuedFiles files;
    private final AccessPolicy access;

    DocumentController(DocumentService documents, DocumentViews views, IssuedFiles files, AccessPolicy access) {
        this.access = access;
        this.documents = documents;
        this.views = views;
        this.files = files;
    }

    @PostMapping
    ResponseEntity<DocumentView> create(@RequestBody DraftRequest request, Authentication auth) {
        Document document = documents.create(request, Caller.of(auth));
        return ResponseEntity.created(URI.create("/api/documents/" + document.getId())).body(view(document.getId()));
    }

    @PutMapping("/{id}")
    DocumentView edit(@PathVariable Long id, @RequestBody DraftRequest request, Authentication auth) {
        documents.edit(id, request, Caller.of(auth));
        return view(id);
    }

    @GetMapping("/{id}")
    DocumentView get(@PathVariable Long id, Authentication auth) {
        access.check(Caller.of(auth), Action.VIEW_DOCUMENT, AccessPolicy.Subject.of(documents.get(id)));
        return view(id);
    }

    @GetMapping(value = "/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable Long id, Authentication auth) {
        Document document = documents.get(id);
        access.check(Caller.of(auth), Action.VIEW_PDF, AccessPolicy.Subject.of(document));
        byte[] pdf = files.load(id).orElseThrow(() ->
                new ConflictException("Văn bản chưa được ban hành nên chưa có bản PDF đã ký."));
        return PdfDownloads.inline(PdfDownloads.fileName(document.getNumber())).body(pdf);
    }

    DocumentView view(Long id) {
        return views.view(id);
    }
}
