package vn.vanthu.document;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface DocumentRepository extends JpaRepository<Document, Long> {}

interface DocumentVersionRepository extends JpaRepository<DocumentVersion, Long> {
    Optional<DocumentVersion> findByDocumentIdAndVersionNo(Long documentId, int versionNo);

    List<DocumentVersion> findByDocumentIdOrderByVersionNo(Long documentId);
}

interface DocumentEventRepository extends JpaRepository<DocumentEvent, Long> {
    List<DocumentEvent> findByDocumentIdOrderByOccurredAtAscIdAsc(Long documentId);
}
