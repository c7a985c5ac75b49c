package vn.vanthu.document;

import java.time.Instant;
import java.util.List;

/** The content of a draft, validated; what a {@link DocumentVersion} stores. */
public record DraftContent(
        String title,
        String body,
        List<Recipient> recipients,
        String signer,
        Meeting meeting,
        Urgency urgency,
        boolean publish,
        Circulation circulation,
        List<String> printedRecipients,
        List<String> consultees,
        List<Long> recipientGroups) {

    /**
     * recipientGroups: ids of the address-book groups the drafter ticked, kept so that the form
     * shows them ticked again (the recipients themselves are already expanded, each once).
     */
    public DraftContent {
        consultees = consultees == null ? List.of() : List.copyOf(consultees);
        recipientGroups = recipientGroups == null
                ? List.of()
                : recipientGroups.stream()
                        .filter(java.util.Objects::nonNull)
                        .distinct()
                        .toList();
    }

    /** Without staff to consult or ticked groups. */
    public DraftContent(
            String title,
            String body,
            List<Recipient> recipients,
            String signer,
            Meeting meeting,
            Urgency urgency,
            boolean publish,
            Circulation circulation,
            List<String> printedRecipients) {
        this(
                title,
                body,
                recipients,
                signer,
                meeting,
                urgency,
                publish,
                circulation,
                printedRecipients,
                List.of(),
                null);
    }

    public DraftContent(String title, String body, List<Recipient> recipients, String signer, Meeting meeting) {
        this(title, body, recipients, signer, meeting, null, true, null, null, List.of(), null);
    }

    /** Nơi nhận as printed, without "- Lưu Văn phòng." (the template adds it last). */
    public List<String> printedLines() {
        return PrintRules.printedRecipients(
                printedRecipients, recipients.stream().map(Recipient::getName).toList());
    }

    /**
     * replyBy: "Đề nghị xác nhận trước …" in the invitation email (issue 14), optional.
     * allowSubstitute: whether an invitee may send someone in their place (the email offers
     * "Cử người dự thay" only then, and the answer is refused otherwise).
     */
    public record Meeting(
            Instant start,
            Instant end,
            String location,
            String chair,
            String invitees,
            String preparation,
            String contact,
            Instant replyBy,
            boolean allowSubstitute) {

        /** A substitute allowed. */
        public Meeting(
                Instant start,
                Instant end,
                String location,
                String chair,
                String invitees,
                String preparation,
                String contact,
                Instant replyBy) {
            this(start, end, location, chair, invitees, preparation, contact, replyBy, true);
        }
    }
}
