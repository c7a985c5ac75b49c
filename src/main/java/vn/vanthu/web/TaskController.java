package vn.vanthu.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.document.MeetingPapers;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.security.Caller;
import vn.vanthu.signing.ClientSigningProperties;
import vn.vanthu.signing.RemoteSigningProperties;
import vn.vanthu.signing.SigningPins;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.workflow.BatchSigning;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentWorkflow;
import vn.vanthu.workflow.TaskDecision;
import vn.vanthu.workflow.TaskView;
import vn.vanthu.workflow.WorkItems;

/** "Việc cần làm" (the page after sign-in) and the review and sign task pages. */
@Controller
class TaskController {

    /** The field of TaskDecision (and of LeaderSignature's errors) that carries the signer's PIN. */
    private static final String PIN = "pin";

    static final String GONE = "Công việc này đã được xử lý xong (có thể bởi người khác) hoặc không còn dành cho bạn.";

    private final WorkItems workItems;
    private final DocumentWorkflow workflow;
    private final DocumentViews views;

    private final RemoteSigningProperties remoteSigning;
    private final ClientSigningProperties clientSigning;
    private final BatchSigning batchSigning;
    private final SigningPins pins;
    private final HomeSummary home;
    private final MeetingPapers papers;

    TaskController(
            HomeSummary home,
            MeetingPapers papers,
            WorkItems workItems,
            DocumentWorkflow workflow,
            DocumentViews views,
            RemoteSigningProperties remoteSigning,
            ClientSigningProperties clientSigning,
            BatchSigning batchSigning,
            SigningPins pins) {
        this.pins = pins;
        this.home = home;
        this.papers = papers;
        this.remoteSigning = remoteSigning;
        this.clientSigning = clientSigning;
        this.batchSigning = batchSigning;
        this.workItems = workItems;
        this.workflow = workflow;
        this.views = views;
    }

    /**
     * The home page: the caller's counts (HomeSummary), each a link to its list, and the task list;
     * {@code loc=qua-han} shows only the overdue tasks, {@code loc=cho-ky} only those to sign.
     */
    @GetMapping("/")
    String tasks(@RequestParam(required = false) String loc, Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        List<TaskView> tasks = workItems.openFor(caller.userId(), caller.groups());
        if ("qua-han".equals(loc)) {
            tasks = tasks.stream().filter(TaskView::overdue).toList();
        } else if ("cho-ky".equals(loc)) {
            tasks = tasks.stream().filter(HomeSummary::isSign).toList();
        } else {
            loc = null;
        }
        model.addAttribute("summary", home.of(caller));
        model.addAttribute("summaryLinks", HomeSummary.LINKS);
        model.addAttribute("loc", loc);
        model.addAttribute("tasks", tasks);
        model.addAttribute("details", home.details(tasks));
        model.addAttribute("awaitingDevice", workItems.awaitingDevice(caller.userId()));
        model.addAttribute("signKind", Kind.SIGN.wire());
        // several documents to sign with a key on the server: one PIN for all of them (ký hàng loạt)
        model.addAttribute(
                "canBatchSign",
                caller.isIn(vn.vanthu.directory.Groups.SIGNERS) && !remoteSigning.isRemote(caller.userId()));
        model.addAttribute("agentOrigin", clientSigning.agentOrigin());
        return "web/tasks";
    }

    /**
     * Ký hàng loạt: the sign tasks ticked on the task list, each signed on its own with one PIN
     * (workflow.BatchSigning, which asks who may sign what); the results come back on the list.
     */
    @PostMapping("/viec/ky-hang-loat")
    String signBatch(
            @RequestParam(name = "taskIds", required = false) List<String> taskIds,
            @RequestParam(required = false) String pin,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        Map<String, String> titles = new java.util.HashMap<>();
        workItems.openFor(caller.userId(), caller.groups()).forEach(t -> titles.put(t.id(), t.title()));
        try {
            List<BatchSigning.Item> results = batchSigning.sign(taskIds, pin, caller);
            long signed = results.stream().filter(BatchSigning.Item::signed).count();
            flash.addFlashAttribute("batchResults", results);
            flash.addFlashAttribute("batchTitles", titles);
            if (signed == results.size()) {
                flash.addFlashAttribute(
                        "notice", "Đã ký " + signed + " văn bản. Hệ thống đang cấp số, phát hành và gửi đến nơi nhận.");
            } else {
                flash.addFlashAttribute(
                        "error",
                        "Đã ký " + signed + "/" + results.size() + " văn bản; xem lý do từng văn bản bên dưới.");
            }
        } catch (InvalidInputException e) {
            flash.addFlashAttribute(
                    "error",
                    taskIds == null || taskIds.isEmpty()
                            ? "Hãy chọn các văn bản cần ký."
                            : String.join(" ", e.fieldErrors().values()));
        } catch (ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/";
    }

    @GetMapping("/viec/{taskId}")
    String task(@PathVariable String taskId, Model model, Authentication auth, RedirectAttributes flash) {
        Optional<TaskView> task = mine(taskId, Caller.of(auth));
        if (task.isEmpty()) {
            flash.addFlashAttribute("error", GONE);
            return "redirect:/";
        }
        if (Kind.REVISE.wire().equals(task.get().kind())) {
            // revising is editing the draft: the drafting form with "Trình lại" and "Rút dự thảo"
            return "redirect:/van-ban/" + task.get().documentId() + "/sua";
        }
        return page(model, task.get(), Map.of());
    }

    @PostMapping("/viec/{taskId}")
    String decide(
            @PathVariable String taskId,
            @RequestParam(required = false) String decision,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) String pin,
            Model model,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        Optional<TaskView> task = mine(taskId, caller);
        try {
            Long documentId = workflow.complete(taskId, new TaskDecision(decision, comment, pin), caller);
            flash.addFlashAttribute(
                    "notice",
                    Decision.byWire(decision)
                            .map(d -> switch (d) {
                                case APPROVE -> "Đã đồng ý, dự thảo được chuyển lãnh đạo ký.";
                                case RETURN -> "Đã trả lại dự thảo cho người soạn thảo.";
                                case SIGN ->
                                    remoteSigning.isRemote(caller.userId())
                                            ? "Đã gửi yêu cầu ký tới điện thoại của đồng chí: hãy xác nhận trên ứng dụng ký số."
                                            : "Đã ký. Hệ thống đang cấp số, phát hành và gửi văn bản đến nơi nhận.";
                                case REJECT -> "Đã ghi nhận: không ký văn bản này.";
                                case RESUBMIT, WITHDRAW -> "Đã ghi nhận.";
                                case RETRY_ISSUE -> "Đang ban hành lại văn bản.";
                                case OPINION -> "Đã gửi ý kiến góp ý.";
                                case ADOPTED -> "Đã ghi nhận: hội nghị thông qua, văn bản được chuyển lãnh đạo ký.";
                                case ADOPTED_WITH_CHANGES ->
                                    "Đã ghi nhận: hội nghị thông qua với yêu cầu chỉnh sửa; dự thảo về người soạn thảo.";
                                case NOT_ADOPTED -> "Đã ghi nhận: hội nghị không thông qua.";
                            })
                            .orElse("Đã ghi nhận."));
            return "redirect:/van-ban/" + documentId;
        } catch (InvalidInputException e) {
            if (task.isEmpty()) {
                flash.addFlashAttribute("error", GONE);
                return "redirect:/";
            }
            // the comment is kept for another try; the PIN never goes back into the page
            model.addAttribute("comment", comment);
            return page(model, task.get(), e.fieldErrors());
        } catch (ConflictException e) {
            // a blocked key (or another refusal) on a task that is still the caller's: say it on the task
            Optional<TaskView> still = mine(taskId, caller);
            if (still.isPresent()) {
                model.addAttribute("comment", comment);
                boolean blocked = pins.blockedUntil(caller.userId()).isPresent();
                return page(model, still.get(), Map.of(blocked ? PIN : "comment", e.getMessage()));
            }
            flash.addFlashAttribute("error", GONE);
            return "redirect:/";
        } catch (NotFoundException | ForbiddenException e) {
            // a second person acting on a task that is already done: say so, on the task list
            flash.addFlashAttribute("error", e instanceof ForbiddenException ? e.getMessage() : GONE);
            return "redirect:/";
        }
    }

    private String page(Model model, TaskView task, Map<String, String> errors) {
        model.addAttribute("task", task);
        var doc = views.view(task.documentId());
        model.addAttribute("doc", doc);
        // the meeting papers the reviewer or signer reads with the draft (names, download links)
        model.addAttribute("papers", papers.list(task.documentId()));
        Kind kind = Kind.byWire(task.kind()).orElse(null);
        model.addAttribute("signTask", kind == Kind.SIGN);
        // the decisions this kind of step takes, as buttons (the sign and failure pages have their own)
        model.addAttribute("decisions", kind == null ? List.of() : kind.decisions());
        // a leader whose key a remote signing service holds approves on the phone: no PIN here
        boolean remote = doc != null && remoteSigning.isRemote(doc.signer());
        model.addAttribute("remoteSigner", remote);
        // a key blocked by wrong PINs: the task stays, the page says until when (Vietnam time)
        model.addAttribute(
                "keyBlockedUntil",
                kind != Kind.SIGN || remote || doc == null
                        ? null
                        : pins.blockedUntil(doc.signer())
                                .map(vn.vanthu.issuing.LeaderSignature::until)
                                .orElse(null));
        // the leader's own USB token, through the local signing agent (docs/signing-agent.md)
        model.addAttribute("agentOrigin", clientSigning.agentOrigin());
        model.addAttribute("reviewTask", kind == Kind.REVIEW);
        model.addAttribute("consultTask", kind == Kind.CONSULT);
        model.addAttribute("meetingTask", kind == Kind.MEETING);
        boolean failure = kind == Kind.RESOLVE_ISSUE_FAILURE;
        model.addAttribute("issueFailureTask", failure);
        // the last failure's description, as DocumentIssuer wrote it to the history
        model.addAttribute(
                "issueError",
                !failure || doc == null
                        ? null
                        : doc.history().stream()
                                .filter(h -> DocumentIssuer.ISSUE_FAILED.equals(h.action()))
                                .reduce((a, b) -> b)
                                .map(h -> h.comment())
                                .orElse(null));
        // a wrong PIN is shown beside the PIN field, everything else beside the comment
        model.addAttribute("pinError", errors.get(PIN));
        String other = errors.entrySet().stream()
                .filter(e -> !PIN.equals(e.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.joining(" "));
        model.addAttribute("commentError", other.isEmpty() ? null : other);
        return "web/task";
    }

    private Optional<TaskView> mine(String taskId, Caller caller) {
        List<TaskView> open = workItems.openFor(caller.userId(), caller.groups());
        return open.stream().filter(t -> t.id().equals(taskId)).findFirst();
    }
}
