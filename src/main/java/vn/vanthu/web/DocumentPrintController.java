package vn.vanthu.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.security.Caller;
import vn.vanthu.workflow.WorkItems;

/**
 * A print view of a document's page (issue 14, item 7): its facts, content, recipients with their
 * deliveries and its history on plain paper, without menu or buttons. Who may read the document
 * may print it.
 */
@Controller
class DocumentPrintController {

    private final DocumentService documents;
    private final DocumentViews views;
    private final WorkItems workItems;
    private final AccessPolicy access;
    private final OrganisationProperties settings;

    DocumentPrintController(
            DocumentService documents,
            DocumentViews views,
            WorkItems workItems,
            AccessPolicy access,
            OrganisationProperties settings) {
        this.documents = documents;
        this.views = views;
        this.workItems = workItems;
        this.access = access;
        this.settings = settings;
    }

    @GetMapping("/van-ban/{id}/in")
    String print(@PathVariable Long id, Model model, Authentication auth) {
        access.check(Caller.of(auth), Action.VIEW_DOCUMENT, documents.readers(documents.get(id)));
        model.addAttribute("doc", views.view(id));
        model.addAttribute("holders", workItems.holders(id));
        model.addAttribute("organisation", settings.organisation());
        model.addAttribute("printedAt", java.time.OffsetDateTime.now(OrganisationProperties.VIETNAM));
        return "web/print";
    }
}
