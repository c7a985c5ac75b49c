package vn.vanthu.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One saved state of a draft. Never updated: an edit writes the next version. */
public class DocumentVersion {

    // package-private: DocumentStore fills them in from a row
    Long documentId;
    int versionNo;
    String title;
    String body;
    String signer;
    Instant meetingStart;
    Instant meetingEnd;
    String location;
    String chair;
    String invitees;
    String preparation;
    String contact;
    String urgency;
    boolean publish = true;
    String circulation;

    /** Nơi nhận as the drafter wrote it, one line each; null: one line per recipient. */
    String printedRecipients;
    /** Staff user ids to consult, one a line; null: none. */
    String consultees;
    /** Ids of the address-book groups ticked, comma-separated (V53); null: none. */
    String recipientGroups;

    Instant replyBy;
    /** Whether an invitee may send a substitute; true for versions saved before it existed. */
    boolean allowSubstitute = true;

    List<Recipient> recipients = new ArrayList<>();
    String createdBy;
    Instant createdAt;

    /** Filled in by {@link DocumentStore}. */
    DocumentVersion() {}

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
        this.consultees = content.consultees().isEmpty() ? null : String.join("\n", content.consultees());
        this.recipientGroups = content.recipientGroups().isEmpty()
                ? null
                : content.recipientGroups().stream()
                        .map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(","));
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
            this.allowSubstitute = m.allowSubstitute();
        }
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public DraftContent content() {
        DraftContent.Meeting meeting = meetingStart == null
                ? null
                : new DraftContent.Meeting(
                        meetingStart,
                        meetingEnd,
                        location,
                        chair,
                        invitees,
                        preparation,
                        contact,
                        replyBy,
                        allowSubstitute);
        return new DraftContent(
                title,
                body,
                List.copyOf(recipients),
                signer,
                meeting,
                Urgency.parse(urgency).orElse(null),
                publish,
                Circulation.parse(circulation).orElse(null),
                printedRecipients == null ? null : List.of(printedRecipients.split("\n")),
                consultees == null ? List.of() : List.of(consultees.split("\n")),
                groupIds(recipientGroups));
    }

    private static List<Long> groupIds(String column) {
        if (column == null || column.isBlank()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>();
        for (String part : column.split(",")) {
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                // a damaged value only loses the ticks, never the recipients
            }
        }
        return ids;
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
