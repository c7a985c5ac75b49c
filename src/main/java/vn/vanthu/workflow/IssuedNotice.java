package vn.vanthu.workflow;

import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;

/**
 * The drafter's bell when their document is issued (the signer, who acted, sees it on the page), with its number: written
 * in the issue job's transaction, so a retried or rolled-back issue tells nobody twice.
 */
@Component
class IssuedNotice {

    private final DocumentService documents;
    private final StepNotices notices;

    IssuedNotice(DocumentService documents, StepNotices notices) {
        this.documents = documents;
        this.notices = notices;
    }

    void tell(Long documentId) {
        Document document = documents.get(documentId);
        Set<String> people = new LinkedHashSet<>();
        people.add(document.getDrafter());
        people.remove(null);
        String title = documents.currentVersion(document).getTitle();
        notices.note(
                people,
                "Văn bản đã ban hành"
                        + (document.getNumber() == null ? "" : ", số " + document.getNumber())
                        + ": " + title,
                "/van-ban/" + documentId);
    }
}
