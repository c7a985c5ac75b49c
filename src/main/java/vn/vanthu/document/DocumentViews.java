package vn.vanthu.document;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.spi.DeliveryStatuses;

/** Builds the JSON view of a document: its current version, deliveries and history. */
@Component
public class DocumentViews {

    private final DocumentService documents;
    private final Directory directory;
    private final ObjectProvider<DeliveryStatuses> deliveries;

    DocumentViews(DocumentService documents, Directory directory, ObjectProvider<DeliveryStatuses> deliveries) {
        this.documents = documents;
        this.directory = directory;
        this.deliveries = deliveries;
    }

    public DocumentView view(Long id) {
        Document document = documents.get(id);
        DocumentVersion version = documents.currentVersion(document);
        DeliveryStatuses source = deliveries.getIfAvailable();
        Map<Integer, DeliveryStatuses.Status> statuses =
                source == null || document.getIssuedAt() == null ? Map.of() : source.forDocument(id);
        return DocumentView.of(
                document,
                version,
                directory.fullName(document.getSigner()),
                documents.warnings(document, version.content()),
                documents.suggestedUrgency(document, version.content()),
                statuses,
                documents.history(id),
                documents.settings());
    }
}
