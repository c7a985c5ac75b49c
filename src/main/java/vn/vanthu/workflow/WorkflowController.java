package vn.vanthu.workflow;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.DocumentView;
import vn.vanthu.document.DocumentViews;
import vn.vanthu.issuing.ClientLeaderSignature;
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
    private final RuntimeService runtime;
    private final BatchSigning batchSigning;

    WorkflowController(
            DocumentWorkflow workflow,
            WorkItems workItems,
            DocumentService documents,
            DocumentViews views,
            DocumentRecall recall,
            Redelivery redelivery,
            IssueSignals issueSignals,
            ManagementService management,
            RuntimeService runtime,
            BatchSigning batchSigning,
            WorkflowProperties.Api api) {
        this.runtime = runtime;
        this.batchSigning = batchSigning;
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

    /**
     * POST /api/tasks/{id}/signature {"certificate": ["base64 DER", …]}: step 1 of a signature with the
     * leader's own token (docs/signing.md): the data to sign, its SHA-256, the algorithm, until when.
     */
    @PostMapping("/api/tasks/{id}/signature")
    ClientSignatureRequest prepareClientSignature(
            @PathVariable String id, @RequestBody(required = false) ClientCertificate body, Authentication auth) {
        List<byte[]> certificates = body == null || body.certificate() == null
                ? List.of()
                : body.certificate().stream().map(c -> base64("certificate", c)).toList();
        ClientLeaderSignature.Prepared prepared = workflow.prepareClientSignature(id, certificates, Caller.of(auth));
        Base64.Encoder b64 = Base64.getEncoder();
        return new ClientSignatureRequest(
                prepared.requestId(),
                b64.encodeToString(prepared.dataToSign()),
                b64.encodeToString(prepared.digest()),
                "SHA256",
                prepared.signatureAlgorithm(),
                prepared.expiresAt().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime());
    }

    /**
     * POST /api/tasks/{id}/signature/{requestId} {"signatureValue": base64}: step 2; answers as the
     * "sign" decision does (the document, issued when the issuing job is quick enough).
     */
    @PostMapping("/api/tasks/{id}/signature/{requestId}")
    DocumentView completeClientSignature(
            @PathVariable String id,
            @PathVariable String requestId,
            @RequestBody(required = false) ClientSignatureValue body,
            Authentication auth)
            throws InterruptedException {
        byte[] value = body == null || body.signatureValue() == null
                ? new byte[0]
                : base64("signatureValue", body.signatureValue());
        Long documentId = workflow.completeClientSignature(id, requestId, value, Caller.of(auth));
        issueSignals.await(documentId, signWait, () -> issuedOrAttemptFailed(documents.get(documentId)));
        return views.view(documentId);
    }

    /**
     * POST /api/tasks/sign-batch {"taskIds": [...], "pin": "…"}: one PIN, one signature per document,
     * a result per task. Answers at once: each document is numbered and sealed by its own issuing job.
     */
    @PostMapping("/api/tasks/sign-batch")
    List<BatchSigning.Item> signBatch(@RequestBody(required = false) BatchRequest body, Authentication auth) {
        return batchSigning.sign(
                body == null ? null : body.taskIds(), body == null ? null : body.pin(), Caller.of(auth));
    }

    record ClientCertificate(List<String> certificate) {}

    record ClientSignatureRequest(
            String requestId,
            String dataToSign,
            String digest,
            String digestAlgorithm,
            String signatureAlgorithm,
            java.time.OffsetDateTime expiresAt) {}

    record ClientSignatureValue(String signatureValue) {}

    /** The PIN is never logged: toString leaves it out. */
    record BatchRequest(List<String> taskIds, String pin) {
        @Override
        public String toString() {
            return "BatchRequest[taskIds=" + taskIds + ", pin=" + (pin == null ? null : "***") + "]";
        }
    }

    private static byte[] base64(String field, String value) {
        try {
            return Base64.getDecoder().decode(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "Giá trị " + field + " phải là base64.");
        }
    }

    /** One read of the document per recheck: issued, or its issue job's attempt has failed. */
    private boolean issuedOrAttemptFailed(Document document) {
        if (document.getStatus() == DocumentStatus.ISSUED) {
            return true;
        }
        String process = document.getProcessInstanceId();
        if (process == null) {
            return false;
        }
        // the issue step runs in documentIssuing, called by the document's route: the route's
        // instance and those it called (a failed job's own root id is not kept, so not by that)
        java.util.Set<String> instances =
                runtime.createProcessInstanceQuery().rootProcessInstanceId(process).list().stream()
                        .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId)
                        .collect(java.util.stream.Collectors.toSet());
        // one query per instance: the engine's job query cannot combine activityId with processInstanceIds
        return instances.stream()
                .anyMatch(instance -> management
                                .createJobQuery()
                                .processInstanceId(instance)
                                .activityId(DocumentIssuanceProcess.Elements.ISSUE)
                                .withException()
                                .count()
                        > 0);
    }
}
