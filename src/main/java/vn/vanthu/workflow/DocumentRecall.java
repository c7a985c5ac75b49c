package vn.vanthu.workflow;

import org.camunda.bpm.engine.RuntimeService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.security.AccessPolicy;
import vn.vanthu.security.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

/**
 * The clerk recalls an issued document: it becomes RECALLED (the board shows it so), a pending
 * meeting reminder is cancelled, and bpmn/document-recall.bpmn sends every recipient a notice.
 */
@Service
public class DocumentRecall {

    private final DocumentService documents;
    private final OutgoingRegister register;
    private final RuntimeService runtime;
    private final AccessPolicy access;

    DocumentRecall(DocumentService documents, OutgoingRegister register, RuntimeService runtime, AccessPolicy access) {
        this.access = access;
        this.documents = documents;
        this.register = register;
        this.runtime = runtime;
    }

    @Transactional
    public void recall(Long documentId, String reason, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.RECALL, AccessPolicy.Subject.of(document));
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw InvalidInputException.of("reason", "Cần ghi rõ lý do thu hồi.");
        }
        if (why.length() > 2000) {
            throw InvalidInputException.of("reason", "Lý do dài quá 2000 ký tự.");
        }
        documents.changeStatus(documentId, DocumentStatus.RECALLED);
        documents.record(documentId, caller.userId(), "RECALLED", why);
        register.markRecalled(documentId, why);
        // the meeting reminder, if still waiting, is cancelled; a finished process has nothing to cancel
        runtime.createMessageCorrelation(Messages.DOCUMENT_RECALLED).processInstanceBusinessKey(documentId.toString())
                .correlateAllWithResult();
        int recipients = documents.currentVersion(document).getRecipients().size();
        runtime.startProcessInstanceByKey(Recall.KEY, documentId.toString(), Variables.atRecall(documentId, recipients));
    }
}
