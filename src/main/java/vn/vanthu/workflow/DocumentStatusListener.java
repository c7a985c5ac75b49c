package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;

/** ${documentStatus.mark(execution, 'IN_REVIEW')}: the BPMN says when a document changes status. */
@Component("documentStatus")
public class DocumentStatusListener {

    private final DocumentService documents;

    DocumentStatusListener(DocumentService documents) {
        this.documents = documents;
    }

    public void mark(DelegateExecution execution, String status) {
        documents.changeStatus(Long.valueOf(execution.getProcessBusinessKey()), DocumentStatus.valueOf(status));
    }
}
