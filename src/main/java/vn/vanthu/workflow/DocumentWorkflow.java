package vn.vanthu.workflow;

import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.vanthu.directory.Groups;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.issuing.LeaderSignature;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * The API's way into the process: submit a draft, complete a task. It checks who is asking and
 * what they decide; the BPMN decides what happens next.
 */
@Service
public class DocumentWorkflow {

    public static final String PROCESS_KEY = "documentIssuance";

    private static final Map<String, Set<String>> DECISIONS = Map.of(
            "review", Set.of("approve", "return"),
            "sign", Set.of("sign", "return", "reject"),
            "revise", Set.of("resubmit", "withdraw"));

    private static final Map<String, String> EVENT = Map.of(
            "approve", "APPROVED", "return", "RETURNED", "sign", "SIGNED", "reject", "REJECTED",
            "resubmit", "RESUBMITTED", "withdraw", "WITHDRAWN");

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final DocumentService documents;
    private final WorkItems workItems;
    private final DocumentIssuer issuer;
    private final LeaderSignature leaderSignature;

    DocumentWorkflow(RuntimeService runtime, TaskService tasks, HistoryService history, DocumentService documents,
                     WorkItems workItems, DocumentIssuer issuer, LeaderSignature leaderSignature) {
        this.leaderSignature = leaderSignature;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.documents = documents;
        this.workItems = workItems;
        this.issuer = issuer;
    }

    /** Submit a saved draft: starts the process the first time, resubmits after a return. */
    @Transactional
    public Document submit(Long documentId, Caller caller) {
        Document document = documents.get(documentId);
        if (!document.getDrafter().equals(caller.userId())) {
            throw new ForbiddenException("Chỉ người soạn thảo văn bản này mới trình được.");
        }
        if (document.getStatus() == DocumentStatus.RETURNED) {
            String taskId = workItems.openTask(documentId, "revise")
                    .orElseThrow(() -> new ConflictException("Văn bản không có bước chỉnh sửa nào đang mở."));
            complete(taskId, new TaskDecision("resubmit", null), caller);
            return documents.get(documentId);
        }
        if (document.getStatus() != DocumentStatus.DRAFT || document.getProcessInstanceId() != null) {
            throw new ConflictException("Văn bản đang ở trạng thái " + document.getStatus() + ", không trình được nữa.");
        }
        documents.record(documentId, caller.userId(), "SUBMITTED", null);
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS_KEY, documentId.toString(), Map.of(
                "documentId", documentId,
                "drafter", document.getDrafter(),
                "signer", document.getSigner()));
        documents.attachProcess(documentId, instance.getId());
        return documents.get(documentId);
    }

    /** Complete the caller's task with a decision; returns the document id. */
    @Transactional
    public Long complete(String taskId, TaskDecision input, Caller caller) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            if (history.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0) {
                throw new ConflictException("Công việc này đã được xử lý xong.");
            }
            throw new NotFoundException("Không có công việc " + taskId + ".");
        }
        String key = task.getTaskDefinitionKey();
        checkMayComplete(task, key, caller);
        String decision = input == null || input.decision() == null ? null : input.decision().trim().toLowerCase();
        Set<String> allowed = DECISIONS.getOrDefault(key, Set.of());
        if (decision == null || !allowed.contains(decision)) {
            throw InvalidInputException.of("decision", "Quyết định phải là một trong " + allowed + ".");
        }
        String comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().strip();
        if (comment == null && ("return".equals(decision) || "reject".equals(decision))) {
            throw InvalidInputException.of("comment", "Cần ghi rõ lý do khi trả lại hoặc không ký.");
        }
        if (comment != null && comment.length() > 4000) {
            throw InvalidInputException.of("comment", "Ý kiến dài quá 4000 ký tự.");
        }
        Long documentId = workItems.documentOf(taskId)
                .orElseGet(() -> ((Number) tasks.getVariable(taskId, "documentId")).longValue());
        Document document = documents.get(documentId);
        if ("sign".equals(decision)) {
            // the leader's signature over the unnumbered text, with the PIN given now
            leaderSignature.sign(documentId, caller.userId(), input.pin());
        }
        if ("resubmit".equals(decision)) {
            // the drafter may have picked another signer while revising
            runtime.setVariable(task.getProcessInstanceId(), "signer", document.getSigner());
        }
        documents.record(documentId, caller.userId(), EVENT.get(decision), comment);
        try {
            tasks.complete(taskId, Map.of(key + "Decision", decision));
        } catch (NullValueException | OptimisticLockingException e) {
            throw new ConflictException("Công việc này vừa được người khác xử lý.");
        }
        return documentId;
    }

    private static void checkMayComplete(Task task, String key, Caller caller) {
        boolean allowed = switch (key) {
            case "review" -> caller.isIn(Groups.REVIEWERS);
            case "sign", "revise" -> caller.userId().equals(task.getAssignee());
            default -> false;
        };
        if (!allowed) {
            throw new ForbiddenException(switch (key) {
                case "review" -> "Chỉ lãnh đạo Văn phòng (nhóm reviewers) mới thẩm định được.";
                case "sign" -> "Chỉ lãnh đạo được chọn ký văn bản này mới ký được.";
                default -> "Chỉ người soạn thảo mới chỉnh sửa được dự thảo của mình.";
            });
        }
    }
}
