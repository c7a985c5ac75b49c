package vn.vanthu.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.DocumentSearch;
import vn.vanthu.document.DocumentSearch.Scope;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

/**
 * The document lists (issue 14, item 1): "Văn bản của tôi", "Đang xử lý" (step, who holds it,
 * since when), "Đã ban hành" and "Tra cứu", with filters, paging and the search without
 * diacritics. Same service and same rules as {@code GET /api/documents}.
 */
@Controller
class DocumentListController {

    /** The lists by their path segment, in menu order. */
    static final Map<String, Scope> VIEWS = new LinkedHashMap<>();

    static final Map<String, String> TITLES = Map.of(
            "cua-toi",
            "Văn bản của tôi",
            "dang-xu-ly",
            "Đang xử lý",
            "da-ban-hanh",
            "Đã ban hành",
            "tra-cuu",
            "Tra cứu văn bản");

    static {
        VIEWS.put("cua-toi", Scope.MINE);
        VIEWS.put("dang-xu-ly", Scope.IN_PROGRESS);
        VIEWS.put("da-ban-hanh", Scope.ISSUED);
        VIEWS.put("tra-cuu", Scope.ALL);
    }

    private final DocumentSearch search;
    private final AccessPolicy access;
    private final Directory directory;
    private final OrganisationProperties settings;

    DocumentListController(
            DocumentSearch search, AccessPolicy access, Directory directory, OrganisationProperties settings) {
        this.search = search;
        this.access = access;
        this.directory = directory;
        this.settings = settings;
    }

    @GetMapping({"/danh-sach/{view}", "/danh-sach"})
    ModelAndView list(
            @org.springframework.web.bind.annotation.PathVariable(required = false) String view,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String signer,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            Model model,
            Authentication auth) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.USE_STAFF_PAGES);
        String key = view == null ? "tra-cuu" : view;
        Scope scope = VIEWS.get(key);
        if (scope == null) {
            throw new vn.vanthu.system.NotFoundException("Không có danh sách này.");
        }
        ModelAndView page_ = new ModelAndView("web/documents");
        page_.addObject("view", key);
        page_.addObject("views", VIEWS.keySet());
        page_.addObject("titles", TITLES);
        page_.addObject("title", TITLES.get(key));
        page_.addObject("q", q);
        page_.addObject("type", type);
        page_.addObject("status", status);
        page_.addObject("signer", signer);
        page_.addObject("from", from);
        page_.addObject("to", to);
        page_.addObject("types", settings.documentTypes().keySet());
        page_.addObject("statuses", DocumentStatus.values());
        page_.addObject("signers", directory.signers());
        try {
            page_.addObject(
                    "result",
                    search.search(search.criteria(scope, q, type, status, signer, from, to, page, "20"), caller));
            page_.addObject("errors", Map.of());
        } catch (InvalidInputException e) {
            page_.addObject("errors", e.fieldErrors());
            page_.setStatus(HttpStatus.BAD_REQUEST);
        }
        return page_;
    }
}
