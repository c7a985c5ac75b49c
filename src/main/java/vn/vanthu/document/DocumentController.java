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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.Downloads;

@RestController
@RequestMapping("/api/documents")
class DocumentController {

    private final DocumentService documents;
    private final DocumentViews views;
    private final IssuedFiles files;
    private final AccessPolicy access;
    private final DocumentSearch search;

    DocumentController(
            DocumentService documents,
            DocumentViews views,
            IssuedFiles files,
            AccessPolicy access,
            DocumentSearch search) {
        this.search = search;
        this.access = access;
        this.documents = documents;
        this.views = views;
        this.files = files;
    }

    /**
     * The lists and the search: {@code scope} (all, mine, in-progress, issued), {@code q} (words of
     * the number, title or body; diacritics and case ignored), {@code type}, {@code status},
     * {@code signer}, {@code from}/{@code to} (yyyy-MM-dd or dd/MM/yyyy: the issue day, or the
     * creation day of what is not issued), {@code page} (from 1), {@code size} (1–100). Only what
     * the caller may read.
     */
    @GetMapping
    DocumentSearch.Page list(
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String signer,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            Authentication auth) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.USE_STAFF_PAGES);
        return search.search(search.criteria(scope(scope), q, type, status, signer, from, to, page, size), caller);
    }

    static DocumentSearch.Scope scope(String scope) {
        if (scope == null || scope.isBlank()) {
            return DocumentSearch.Scope.ALL;
        }
        return switch (scope.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> DocumentSearch.Scope.ALL;
            case "mine" -> DocumentSearch.Scope.MINE;
            case "in-progress" -> DocumentSearch.Scope.IN_PROGRESS;
            case "issued" -> DocumentSearch.Scope.ISSUED;
            default ->
                throw vn.vanthu.system.InvalidInputException.of(
                        "scope", "Phạm vi phải là một trong all, mine, in-progress, issued.");
        };
    }

    @PostMapping
    ResponseEntity<DocumentView> create(@RequestBody DraftRequest request, Authentication auth) {
        Document document = documents.create(request, Caller.of(auth));
        return ResponseEntity.created(URI.create("/api/documents/" + document.getId()))
                .body(view(document.getId()));
    }

    @PutMapping("/{id}")
    DocumentView edit(@PathVariable Long id, @RequestBody DraftRequest request, Authentication auth) {
        documents.edit(id, request, Caller.of(auth));
        return view(id);
    }

    @GetMapping("/{id}")
    DocumentView get(@PathVariable Long id, Authentication auth) {
        access.check(Caller.of(auth), Action.VIEW_DOCUMENT, documents.readers(documents.get(id)));
        return view(id);
    }

    @GetMapping(value = "/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable Long id, Authentication auth) {
        Document document = documents.get(id);
        access.check(Caller.of(auth), Action.VIEW_PDF, documents.readers(document));
        byte[] pdf = files.load(id)
                .orElseThrow(() -> new ConflictException("Văn bản chưa được ban hành nên chưa có bản PDF đã ký."));
        return Downloads.inline(Downloads.fileName(document.getNumber())).body(pdf);
    }

    DocumentView view(Long id) {
        return views.view(id);
    }
}
