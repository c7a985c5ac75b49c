package vn.vanthu.workflow;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DocumentView;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.issuing.IssueSignals;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

@RestController
class WorkflowController {

    private final DocumentWorkflow workflow;
    private final WorkItems workItems;
    private final DocumentService documents;
    private final DocumentViews views;
    private final DocumentRecall recall;
    private final Redelivery redelivery;
    private final Duration signWait;
    private final IssueSignals issueSignals;
    private final ManagementService management;

    WorkflowController(
            DocumentWorkflow workflow,
            WorkItems workItems,
            DocumentService documents,
            DocumentViews views,
            DocumentRecall recall,
            Redelivery redelivery,
            IssueSignals issueSignals,
            ManagementService management,
            WorkflowProperties.Api api) {
        this.management = management;
        this.issueSignals = issueSignals;
        this.recall = recall;
        this.redelivery = redelivery;
        this.workflow = workflow;
        this.workItems = workItems;
        this.documents = documents;
        this.views = views;
        this.signWait = api.signWait();
    }

    @PostMapping("/api/documents/{id}/submit")
    DocumentView submit(@PathVariable Long id, Authentication auth) {
        workflow.submit(id, Caller.of(auth));
        return views.view(id);
    }

    /**
     * POST /api/documents/{id}/recall {"reason": "…", "decidedBy": "Ban Thường vụ Đảng ủy Khối",
     * "decision": {"kind": "Công văn", "number": "125-CV/ĐUK", "date": "2026-11-20"}}: clerks only.
     * decidedBy and decision (the decision the recall rests on) are optional; a decision needs all three parts.
     */
    @PostMapping("/api/documents/{id}/recall")
    DocumentView recall(
            @PathVariable Long id, @RequestBody(required = false) RecallRequest request, Authentication auth) {
        recall.recall(
                id,
                request == null ? null : request.reason(),
                request == null ? null : request.decidedBy(),
                request == null ? null : request.decision(),
                Caller.of(auth));
        return views.view(id);
    }

    record RecallRequest(String reason, String decidedBy, DocumentRecall.Decision decision) {}

    /** POST /api/documents/{id}/remote-signature/cancel: its signer withdraws the request waiting on the phone. */
    @PostMapping("/api/documents/{id}/remote-signature/cancel")
    DocumentView cancelRemoteSignature(@PathVariable Long id, Authentication auth) {
        workflow.cancelRemoteSignature(id, Caller.of(auth));
        return views.view(id);
    }

    /** POST /api/deliveries/{id}/retry: a clerk sends a FAILED email again. */
    @PostMapping("/api/deliveries/{id}/retry")
    Delivery retry(@PathVariable Long id, Authentication auth) {
        return redelivery.retry(id, Caller.of(auth));
    }

    @GetMapping("/api/tasks")
    List<TaskView> myTasks(Authentication auth) {
        Caller caller = Caller.of(auth);
        return workItems.openFor(caller.userId(), caller.groups());
    }

    /**
     * Completes a task. After "sign", issuing runs in its own job once this transaction has
     * committed; the call waits briefly for it so that the signer sees the number at once.
     */
    @PostMapping("/api/tasks/{id}/complete")
    DocumentView complete(
            @PathVariable String id, @RequestBody(required = false) TaskDecision decision, Authentication auth)
            throws InterruptedException {
        if (decision == null) {
            throw InvalidInputException.of("decision", "Cần gửi quyết định (decision).");
        }
        Long documentId = workflow.complete(id, decision, Caller.of(auth));
        // a remote signature waits on the leader's phone: the answer comes much later, through the process
        String wire = decision.decision().trim();
        boolean issuing = DocumentIssuanceProcess.Decision.SIGN.wire().equalsIgnoreCase(wire)
                || DocumentIssuanceProcess.Decision.RETRY_ISSUE.wire().equalsIgnoreCase(wire);
        if (issuing && documents.get(documentId).getStatus() != DocumentStatus.AWAITING_REMOTE_SIGNATURE) {
            // a failed attempt will be retried a minute later: no use keeping the caller waiting for it
            issueSignals.await(documentId, signWait, () -> issuedOrAttemptFailed(documents.get(documentId)));
        }
        return views.view(documentId);
    }

    /** One read of the document per recheck: issued, or its issue job's attempt has failed. */
    private boolean issuedOrAttemptFailed(Document document) {
        if (document.getStatus() == DocumentStatus.ISSUED) {
            return true;
        }
        String process = document.getProcessInstanceId();
        return process != null
                && management
                                .createJobQuery()
                                .processInstanceId(process)
                                .activityId(DocumentIssuanceProcess.Elements.ISSUE)
                                .withException()
                                .count()
                        > 0;
    }
}
