package vn.vanthu.document;

import java.time.Instant;

/** One line of a document's history: who did what, when, on which version, and why. */
public class DocumentEvent {

    private final Long documentId;
    private final Instant occurredAt;
    private final String actor;
    private final String action;
    private final Integer versionNo;
    private final String comment;

    DocumentEvent(Long documentId, Instant occurredAt, String actor, String action, Integer versionNo, String comment) {
        this.documentId = documentId;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.versionNo = versionNo;
        this.comment = comment;
    }

    Long documentId() {
        return documentId;
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
