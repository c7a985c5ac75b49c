package vn.vanthu.workflow;

import org.camunda.bpm.engine.RuntimeService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.vanthu.directory.Groups;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
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

    DocumentRecall(DocumentService documents, OutgoingRegister register, RuntimeService runtime) {
        this.documents = documents;
        this.register = register;
        this.runtime = runtime;
    }

    @Transactional
    public void recall(Long documentId, String reason, Caller caller) {
        if (!caller.isIn(Groups.CLERKS) && !caller.isIn(Groups.ADMINS)) {
            throw new ForbiddenException("Chỉ văn thư mới thu hồi được văn bản.");
        }
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw InvalidInputException.of("reason", "Cần ghi rõ lý do thu hồi.");
        }
        if (why.length() > 2000) {
            throw InvalidInputException.of("reason", "Lý do dài quá 2000 ký tự.");
        }
        Document document = documents.get(documentId);
        if (document.getStatus() != DocumentStatus.ISSUED) {
            throw new ConflictException("Chỉ thu hồi được văn bản đã ban hành (văn bản này: " + document.getStatus() + ").");
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
