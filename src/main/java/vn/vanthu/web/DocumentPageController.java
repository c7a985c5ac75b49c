package vn.vanthu.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DocumentView;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.issuing.DocumentPreviews;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.Downloads;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentRecall;
import vn.vanthu.workflow.DocumentWorkflow;
import vn.vanthu.workflow.RouteDiagram;
import vn.vanthu.workflow.RouteProgress;
import vn.vanthu.workflow.WorkItems;

/** The document page (status, holder, PDF, versions, history, deliveries) and its PDF for staff. */
@Controller
class DocumentPageController {

    private final DocumentService documents;
    private final DocumentViews views;
    private final WorkItems workItems;
    private final IssuedFiles files;
    private final DocumentPreviews previews;
    private final Directory directory;
    private final DocumentRecall recall;
    private final AccessPolicy access;
    private final DocumentWorkflow workflow;
    private final vn.vanthu.document.MeetingPapers papers;
    private final RouteProgress routes;

    DocumentPageController(
            DocumentService documents,
            DocumentViews views,
            WorkItems workItems,
            IssuedFiles files,
            DocumentPreviews previews,
            Directory directory,
            DocumentRecall recall,
            AccessPolicy access,
            DocumentWorkflow workflow,
            vn.vanthu.document.MeetingPapers papers,
            RouteProgress routes) {
        this.routes = routes;
        this.papers = papers;
        this.workflow = workflow;
        this.access = access;
        this.recall = recall;
        this.documents = documents;
        this.views = views;
        this.workItems = workItems;
        this.files = files;
        this.previews = previews;
        this.directory = directory;
    }

    @GetMapping("/van-ban/{id}")
    String page(@PathVariable Long id, Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.VIEW_DOCUMENT, documents.readers(documents.get(id)));
        DocumentView doc = views.view(id);
        model.addAttribute("doc", doc);
        model.addAttribute("history", HistoryLines.of(doc.history()));
        var holders = workItems.holders(id);
        model.addAttribute("holders", holders);
        // signed and not yet settled: no sign step is open while the issue job (or the phone) works
        model.addAttribute(
                "issuing",
                (doc.status() == DocumentStatus.AWAITING_SIGNATURE
                                || doc.status() == DocumentStatus.AWAITING_REMOTE_SIGNATURE)
                        && holders.stream().noneMatch(h -> Kind.SIGN.wire().equals(h.kind())));
        // what the page then says, in words (a template may not name a class when the URL has parameters)
        model.addAttribute("issuedStatus", DocumentStatus.ISSUED);
        model.addAttribute("failedStatus", DocumentStatus.ISSUE_FAILED);
        model.addAttribute("versions", VersionDiff.of(documents.versions(id), directory::fullName));
        model.addAttribute("mine", caller.userId().equals(doc.drafter()));
        // the recall button: for whoever may recall, shown on an issued document only (the template checks)
        model.addAttribute(
                "clerk",
                access.decide(caller, Action.RECALL, AccessPolicy.Subject.of(documents.get(id)))
                        != AccessPolicy.Verdict.FORBIDDEN);
        // the leader's cancel button while the remote signing service waits for the phone
        model.addAttribute(
                "canCancelRemote",
                access.allows(caller, Action.CANCEL_REMOTE_SIGNATURE, AccessPolicy.Subject.of(documents.get(id))));
        model.addAttribute(
                "myTasks",
                workItems.openFor(caller.userId(), caller.groups()).stream()
                        .filter(t -> t.documentId().equals(id))
                        .toList());
        // where the document is on its route: drawn from the route's diagram, and as a list for screen readers
        RouteProgress.Progress route = routes.of(id, caller);
        model.addAttribute("route", route.view());
        model.addAttribute(
                "routeSvg", RouteDiagram.svg(route.model(), route.view().steps(), directory::fullName));
        // issue 14: meeting papers (the drafter adds and removes them while the draft is editable)
        model.addAttribute("papers", papers.list(id));
        model.addAttribute(
                "canEditPapers", access.allows(caller, Action.EDIT_DRAFT, AccessPolicy.Subject.of(documents.get(id))));
        return "web/document";
    }

    /** The clerk's recall button. */
    @PostMapping("/van-ban/{id}/thu-hoi")
    String recall(
            @PathVariable Long id,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String decidedBy,
            @RequestParam(required = false) String decisionKind,
            @RequestParam(required = false) String decisionNumber,
            @RequestParam(required = false) String decisionDate,
            @RequestParam(required = false) String confirmed,
            Authentication auth,
            Model model,
            RedirectAttributes flash) {
        if (!"yes".equals(confirmed)) {
            // first the clerk sees what is about to happen, with the number and the reason, and confirms
            Caller caller = Caller.of(auth);
            Document document = documents.get(id);
            if (!access.allows(caller, Action.RECALL, AccessPolicy.Subject.of(document))) {
                flash.addFlashAttribute(
                        "error",
                        document.getStatus() == vn.vanthu.document.DocumentStatus.ISSUED
                                ? Action.RECALL.refusal()
                                : "Chỉ thu hồi được văn bản đang có hiệu lực (đã ban hành, chưa thu hồi).");
                return "redirect:/van-ban/" + id;
            }
            if (reason == null || reason.isBlank()) {
                flash.addFlashAttribute("error", "Cần ghi rõ lý do thu hồi.");
                return "redirect:/van-ban/" + id;
            }
            model.addAttribute("doc", views.view(id));
            model.addAttribute(
                    "recall", new RecallForm(reason.strip(), decidedBy, decisionKind, decisionNumber, decisionDate));
            return "web/recall-confirm";
        }
        try {
            recall.recall(
                    id,
                    reason,
                    decidedBy,
                    new DocumentRecall.Decision(decisionKind, decisionNumber, decisionDate),
                    Caller.of(auth));
            flash.addFlashAttribute("notice", "Đã thu hồi văn bản; thông báo thu hồi đang được gửi tới các nơi nhận.");
        } catch (InvalidInputException | ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/van-ban/" + id;
    }

    /** What the clerk typed, repeated on the confirmation page and posted again from there. */
    record RecallForm(
            String reason, String decidedBy, String decisionKind, String decisionNumber, String decisionDate) {}

    /** The leader's cancel of a signature waiting on the phone. */
    @PostMapping("/van-ban/{id}/huy-ky-tu-xa")
    String cancelRemoteSignature(@PathVariable Long id, Authentication auth, RedirectAttributes flash) {
        try {
            workflow.cancelRemoteSignature(id, Caller.of(auth));
            flash.addFlashAttribute("notice", "Đã hủy yêu cầu ký trên thiết bị; văn bản trở lại bước ký.");
        } catch (ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/van-ban/" + id;
    }

    /** The signed PDF once issued; before that the unnumbered preview of the current version, as it would be issued. */
    @GetMapping(value = "/van-ban/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable Long id, Authentication auth) {
        Document document = documents.get(id);
        access.check(Caller.of(auth), Action.VIEW_PDF, documents.readers(document));
        byte[] pdf = files.load(id).orElseGet(() -> previews.preview(id));
        String name =
                document.getNumber() == null ? "du-thao-" + id + ".pdf" : Downloads.fileName(document.getNumber());
        return Downloads.inline(name)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf);
    }
}
