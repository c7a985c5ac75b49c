package vn.vanthu.web;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.AddressBook;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentRules;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentView;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentWorkflow;
import vn.vanthu.workflow.TaskDecision;
import vn.vanthu.workflow.WorkItems;

/**
 * A new draft of any configured type (vanthu.document-types), editing a draft (also the "revise"
 * step of a returned one): save,
 * submit, withdraw. All rules are DocumentService's and DocumentWorkflow's; this turns their
 * field errors into messages beside the fields.
 */
@Controller
class DraftController {

    private final DocumentService documents;
    private final DocumentViews views;
    private final DocumentWorkflow workflow;
    private final WorkItems workItems;
    private final AddressBook addressBook;
    private final Directory directory;
    private final AccessPolicy access;
    private final DocumentRules rules;
    private final OrganisationProperties settings;
    private final vn.vanthu.document.MeetingPapers papers;

    DraftController(
            vn.vanthu.document.MeetingPapers papers,
            DocumentService documents,
            DocumentViews views,
            DocumentWorkflow workflow,
            WorkItems workItems,
            AddressBook addressBook,
            Directory directory,
            AccessPolicy access,
            DocumentRules rules,
            OrganisationProperties settings) {
        this.papers = papers;
        this.rules = rules;
        this.settings = settings;
        this.access = access;
        this.documents = documents;
        this.views = views;
        this.workflow = workflow;
        this.workItems = workItems;
        this.addressBook = addressBook;
        this.directory = directory;
    }

    @GetMapping("/van-ban/moi")
    String newDraft(@RequestParam(name = "loai", required = false) String type, Model model, Authentication auth) {
        access.check(Caller.of(auth), Action.CREATE_DRAFT);
        String t = knownType(type);
        return form(model, DraftForm.blank(t, rules.publishByDefault(t)), null, Map.of());
    }

    /**
     * A document copied as a new draft (issue 14, item 7): the drafting form filled with its
     * current version; nothing is stored until the drafter saves, so every rule of a new draft
     * applies. The meeting's times are left for the new meeting.
     */
    @GetMapping("/van-ban/{id}/sao-chep")
    String copy(@PathVariable Long id, Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.CREATE_DRAFT);
        Document source = documents.get(id);
        access.check(caller, Action.VIEW_DOCUMENT, documents.readers(source));
        DraftForm form = DraftFormMapper.formOf(
                source.getType(),
                documents.currentVersion(source).content(),
                addressBook.entries(),
                addressBook.groups());
        form.setMeetingStart(null);
        form.setMeetingEnd(null);
        model.addAttribute(
                "notice",
                "Bản sao của " + (source.getNumber() != null ? "văn bản số " + source.getNumber() : "dự thảo")
                        + ": kiểm tra, ghi thời gian họp mới (nếu có) rồi lưu thành dự thảo mới.");
        return form(model, form, null, Map.of());
    }

    @PostMapping("/van-ban/moi")
    String create(
            @ModelAttribute("form") DraftForm form,
            @RequestParam(defaultValue = "save") String action,
            Model model,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        access.check(caller, Action.CREATE_DRAFT);
        form.setType(knownType(form.getType()));
        DraftFormMapper mapper = new DraftFormMapper(form);
        Document document;
        try {
            document = documents.create(mapper.toRequest(addressBook, settings.hasMeeting(form.getType())), caller);
        } catch (InvalidInputException e) {
            return refused(model, mapper, null, e);
        }
        return afterSave(document.getId(), action, caller, flash);
    }

    @GetMapping("/van-ban/{id}/sua")
    String edit(@PathVariable Long id, Model model, Authentication auth) {
        Document document = documents.get(id);
        checkEditable(document, Caller.of(auth));
        DraftForm form = DraftFormMapper.formOf(
                document.getType(),
                documents.currentVersion(document).content(),
                addressBook.entries(),
                addressBook.groups());
        return form(model, form, views.view(id), Map.of());
    }

    @PostMapping("/van-ban/{id}/sua")
    String update(
            @PathVariable Long id,
            @ModelAttribute("form") DraftForm form,
            @RequestParam(defaultValue = "save") String action,
            Model model,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        Document document = documents.get(id);
        form.setType(document.getType());
        DraftFormMapper mapper = new DraftFormMapper(form);
        try {
            documents.edit(id, mapper.toRequest(addressBook, settings.hasMeeting(form.getType())), caller);
        } catch (InvalidInputException e) {
            return refused(model, mapper, views.view(id), e);
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/van-ban/" + id;
        }
        return afterSave(id, action, caller, flash);
    }

    /** The drafter gives up a returned draft (the revise step's "withdraw"). */
    @PostMapping("/van-ban/{id}/rut")
    String withdraw(@PathVariable Long id, Authentication auth, RedirectAttributes flash) {
        try {
            String task = workItems
                    .openTask(id, Kind.REVISE)
                    .orElseThrow(() -> new ConflictException("Dự thảo này không ở bước chỉnh sửa nên không rút được."));
            workflow.complete(task, new TaskDecision(Decision.WITHDRAW.wire(), null, null), Caller.of(auth));
            flash.addFlashAttribute("notice", "Đã rút dự thảo.");
        } catch (ConflictException | NotFoundException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/van-ban/" + id;
    }

    private String afterSave(Long id, String action, Caller caller, RedirectAttributes flash) {
        if ("submit".equals(action)) {
            try {
                workflow.submit(id, caller);
                flash.addFlashAttribute("notice", "Đã trình dự thảo để thẩm định.");
                return "redirect:/van-ban/" + id;
            } catch (ConflictException e) {
                flash.addFlashAttribute("error", e.getMessage());
                return "redirect:/van-ban/" + id;
            }
        }
        flash.addFlashAttribute(
                "notice", "Đã lưu dự thảo (phiên bản " + documents.get(id).getCurrentVersion() + ").");
        return "redirect:/van-ban/" + id + "/sua";
    }

    private String refused(Model model, DraftFormMapper mapper, DocumentView document, InvalidInputException e) {
        Map<String, String> errors = mapper.formErrors(e.fieldErrors());
        DraftForm form = mapper.form();
        form.ensureSpareRow();
        model.addAttribute("error", "Chưa lưu được: hãy sửa các ô được đánh dấu bên dưới.");
        return form(model, form, document, errors);
    }

    /**
     * The asked type (any case), the first configured one when none is asked; an unknown one is
     * refused, never silently replaced by another type's form.
     */
    private String knownType(String asked) {
        if (asked == null || asked.isBlank()) {
            return settings.defaultType();
        }
        String code = asked.strip().toUpperCase(java.util.Locale.ROOT);
        if (!settings.knowsType(code)) {
            throw new NotFoundException(
                    "Không có loại văn bản '" + asked.strip() + "'. Các loại văn bản: " + settings.typeList() + ".");
        }
        return code;
    }

    private String form(Model model, DraftForm form, DocumentView document, Map<String, String> errors) {
        model.addAttribute("form", form);
        // what the page shows differently by type (title, the meeting's fields) comes from its settings
        model.addAttribute("docType", settings.type(form.getType()));
        model.addAttribute("document", document);
        model.addAttribute("errors", errors);
        model.addAttribute("book", addressBook.entries());
        model.addAttribute("recipientGroups", addressBook.groups());
        model.addAttribute("signers", directory.signers());
        model.addAttribute("urgencies", vn.vanthu.document.Urgency.values());
        // a saved draft's meeting papers, added and removed right here (forms below the draft's)
        model.addAttribute("papers", document == null ? List.of() : papers.list(document.id()));
        model.addAttribute(
                "reviseTask",
                document == null
                        ? null
                        : workItems.openTask(document.id(), Kind.REVISE).orElse(null));
        return "web/draft";
    }

    private void checkEditable(Document document, Caller caller) {
        access.check(caller, Action.EDIT_DRAFT, AccessPolicy.Subject.of(document));
    }
}
