package vn.vanthu.workflow;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
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

    private final TransactionTemplate transaction;

    DocumentRecall(DocumentService documents, OutgoingRegister register, RuntimeService runtime, AccessPolicy access,
                   PlatformTransactionManager transactions) {
        this.access = access;
        this.transaction = new TransactionTemplate(transactions);
        this.documents = documents;
        this.register = register;
        this.runtime = runtime;
    }

    /**
     * Recalls in one transaction, tried again (up to three times) when the document's process was
     * changed meanwhile: right after issuing, its email jobs update the same process instance that
     * the recall message is correlated to, and the clerk should not get a 409 for that.
     */
    public void recall(Long documentId, String reason, Caller caller) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> recallOnce(documentId, reason, caller));
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == 3) {
                    throw new ConflictException("Văn bản đang được gửi đi; hãy thu hồi lại sau ít giây.");
                }
            }
        }
    }

    private void recallOnce(Long documentId, String reason, Caller caller) {
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
