package vn.vanthu.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of a document's history: who did what, when, on which version, and why. */
@Entity
@Table(name = "document_event")
public class DocumentEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "document_id", nullable = false)
    private Long documentId;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(name = "version_no")
    private Integer versionNo;

    private String comment;

    protected DocumentEvent() {}

    DocumentEvent(Long documentId, Instant occurredAt, String actor, String action, Integer versionNo, String comment) {
        this.documentId = documentId;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.versionNo = versionNo;
        this.comment = comment;
    }

    public Instant getOccurredAt() {
        return occurredAt;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public Integer getVersionNo() {
        return versionNo;
    }

    public String getComment() {
        return comment;
    }
}
