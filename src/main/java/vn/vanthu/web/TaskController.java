package vn.vanthu.web;

import java.util.List;
import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import vn.vanthu.document.DocumentViews;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.workflow.DocumentWorkflow;
import vn.vanthu.workflow.TaskDecision;
import vn.vanthu.workflow.TaskView;
import vn.vanthu.workflow.WorkItems;

/** "Việc cần làm" (the page after sign-in) and the review and sign task pages. */
@Controller
class TaskController {

    static final String GONE = "Công việc này đã được xử lý xong (có thể bởi người khác) hoặc không còn dành cho bạn.";

    private final WorkItems workItems;
    private final DocumentWorkflow workflow;
    private final DocumentViews views;

    TaskController(WorkItems workItems, DocumentWorkflow workflow, DocumentViews views) {
        this.workItems = workItems;
        this.workflow = workflow;
        this.views = views;
    }

    @GetMapping("/")
    String tasks(Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        model.addAttribute("tasks", workItems.openFor(caller.userId(), caller.groups()));
        return "web/tasks";
    }

    @GetMapping("/viec/{taskId}")
    String task(@PathVariable String taskId, Model model, Authentication auth, RedirectAttributes flash) {
        Optional<TaskView> task = mine(taskId, Caller.of(auth));
        if (task.isEmpty()) {
            flash.addFlashAttribute("error", GONE);
            return "redirect:/";
        }
        if ("revise".equals(task.get().key())) {
            // revising is editing the draft: the drafting form with "Trình lại" and "Rút dự thảo"
            return "redirect:/van-ban/" + task.get().documentId() + "/sua";
        }
        return page(model, task.get(), null);
    }

    @PostMapping("/viec/{taskId}")
    String decide(@PathVariable String taskId, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String comment, Model model, Authentication auth,
                  RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        Optional<TaskView> task = mine(taskId, caller);
        try {
            Long documentId = workflow.complete(taskId, new TaskDecision(decision, comment), caller);
            flash.addFlashAttribute("notice", switch (decision == null ? "" : decision) {
                case "approve" -> "Đã đồng ý, dự thảo được chuyển lãnh đạo ký.";
                case "return" -> "Đã trả lại dự thảo cho người soạn thảo.";
                case "sign" -> "Đã ký. Hệ thống đang cấp số, phát hành và gửi văn bản đến nơi nhận.";
                case "reject" -> "Đã ghi nhận: không ký văn bản này.";
                default -> "Đã ghi nhận.";
            });
            return "redirect:/van-ban/" + documentId;
        } catch (InvalidInputException e) {
            if (task.isEmpty()) {
                flash.addFlashAttribute("error", GONE);
                return "redirect:/";
            }
            model.addAttribute("comment", comment);
            return page(model, task.get(), String.join(" ", e.fieldErrors().values()));
        } catch (ConflictException | NotFoundException | ForbiddenException e) {
            // a second person acting on a task that is already done: say so, on the task list
            flash.addFlashAttribute("error", e instanceof ForbiddenException ? e.getMessage() : GONE);
            return "redirect:/";
        }
    }

    private String page(Model model, TaskView task, String error) {
        model.addAttribute("task", task);
        model.addAttribute("doc", views.view(task.documentId()));
        model.addAttribute("commentError", error);
        return "web/task";
    }

    private Optional<TaskView> mine(String taskId, Caller caller) {
        List<TaskView> open = workItems.openFor(caller.userId(), caller.groups());
        return open.stream().filter(t -> t.id().equals(taskId)).findFirst();
    }
}
