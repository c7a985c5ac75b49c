package vn.vanthu.document;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One saved state of a draft. Never updated: an edit writes the next version. */
@Entity
@Table(name = "document_version")
public class DocumentVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "document_id", nullable = false)
    private Long documentId;

    @Column(name = "version_no", nullable = false)
    private int versionNo;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String body;

    @Column(nullable = false)
    private String signer;

    @Column(name = "meeting_start")
    private Instant meetingStart;

    @Column(name = "meeting_end")
    private Instant meetingEnd;

    private String location;
    private String chair;
    private String invitees;
    private String preparation;
    private String contact;

    private String urgency;

    @Column(nullable = false)
    private boolean publish = true;

    private String circulation;

    /** Nơi nhận as the drafter wrote it, one line each; null: one line per recipient. */
    @Column(name = "printed_recipients")
    private String printedRecipients;

    @Column(name = "reply_by")
    private Instant replyBy;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "version_recipient", joinColumns = @JoinColumn(name = "version_id"))
    @OrderColumn(name = "position")
    private List<Recipient> recipients = new ArrayList<>();

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected DocumentVersion() {}

    DocumentVersion(Long documentId, int versionNo, DraftContent content, String createdBy, Instant createdAt) {
        this.documentId = documentId;
        this.versionNo = versionNo;
        this.title = content.title();
        this.body = content.body();
        this.signer = content.signer();
        this.recipients = new ArrayList<>(content.recipients());
        this.urgency = content.urgency() == null ? null : content.urgency().name();
        this.publish = content.publish();
        this.circulation =
                content.circulation() == null ? null : content.circulation().name();
        this.printedRecipients =
                content.printedRecipients() == null ? null : String.join("\n", content.printedRecipients());
        if (content.meeting() != null) {
            DraftContent.Meeting m = content.meeting();
            this.meetingStart = m.start();
            this.meetingEnd = m.end();
            this.location = m.location();
            this.chair = m.chair();
            this.invitees = m.invitees();
            this.preparation = m.preparation();
            this.contact = m.contact();
            this.replyBy = m.replyBy();
        }
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public DraftContent content() {
        DraftContent.Meeting meeting = meetingStart == null
                ? null
                : new DraftContent.Meeting(
                        meetingStart, meetingEnd, location, chair, invitees, preparation, contact, replyBy);
        return new DraftContent(
                title,
                body,
                List.copyOf(recipients),
                signer,
                meeting,
                Urgency.parse(urgency).orElse(null),
                publish,
                Circulation.parse(circulation).orElse(null),
                printedRecipients == null ? null : List.of(printedRecipients.split("\n")));
    }

    public Long getDocumentId() {
        return documentId;
    }

    public int getVersionNo() {
        return versionNo;
    }

    public String getTitle() {
        return title;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<Recipient> getRecipients() {
        return List.copyOf(recipients);
    }
}
