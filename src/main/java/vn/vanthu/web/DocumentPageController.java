package vn.vanthu.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import vn.vanthu.directory.Directory;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentView;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.security.Caller;
import vn.vanthu.workflow.WorkItems;

/** The document page (status, holder, PDF, versions, history, deliveries) and its PDF for staff. */
@Controller
class DocumentPageController {

    private final DocumentService documents;
    private final DocumentViews views;
    private final WorkItems workItems;
    private final IssuedFiles files;
    private final DocumentIssuer issuer;
    private final Directory directory;

    DocumentPageController(DocumentService documents, DocumentViews views, WorkItems workItems, IssuedFiles files,
                           DocumentIssuer issuer, Directory directory) {
        this.documents = documents;
        this.views = views;
        this.workItems = workItems;
        this.files = files;
        this.issuer = issuer;
        this.directory = directory;
    }

    @GetMapping("/van-ban/{id}")
    String page(@PathVariable Long id, Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        documents.checkCanRead(caller);
        DocumentView doc = views.view(id);
        model.addAttribute("doc", doc);
        model.addAttribute("holders", workItems.holders(id));
        model.addAttribute("versions", VersionDiff.of(documents.versions(id), directory::fullName));
        model.addAttribute("mine", caller.userId().equals(doc.drafter()));
        model.addAttribute("myTasks", workItems.openFor(caller.userId(), caller.groups()).stream()
                .filter(t -> t.documentId().equals(id)).toList());
        return "web/document";
    }

    /** The signed PDF once issued; before that the unnumbered preview of the current version, as it would be issued. */
    @GetMapping(value = "/van-ban/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable Long id, Authentication auth) {
        documents.checkCanRead(Caller.of(auth));
        Document document = documents.get(id);
        byte[] pdf = files.load(id).orElseGet(() -> issuer.preview(id));
        String name = document.getNumber() == null ? "du-thao-" + id + ".pdf" : document.getNumber().replace('/', '-') + ".pdf";
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(name, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }
}
