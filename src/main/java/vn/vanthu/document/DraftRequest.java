package vn.vanthu.document;

import java.util.List;

/**
 * A draft as the API receives it. {@code urgency}: null, KHAN, THUONG_KHAN or HOA_TOC; {@code publish}:
 * null for the type's default; {@code circulation}: null or NOI_BO (never published);
 * {@code printedRecipients}: Nơi nhận as printed, one entry a line (null: one line per recipient);
 * {@code consultees}: staff user ids whose opinion a consultation route asks (xin ý kiến);
 * {@code recipientGroups}: ids of the address-book groups ticked, remembered for the form (optional).
 * In {@code body}, a line starting with "# " is a heading (printed bold, without the mark). Dates are strings here so that a malformed one gets a message
 * on its own field instead of failing the whole request.
 */
public record DraftRequest(
        String type,
        String title,
        String body,
        List<RecipientInput> recipients,
        String signer,
        MeetingInput meeting,
        String urgency,
        Boolean publish,
        String circulation,
        List<String> printedRecipients,
        List<String> consultees,
        List<Long> recipientGroups) {

    public DraftRequest(
            String type,
            String title,
            String body,
            List<RecipientInput> recipients,
            String signer,
            MeetingInput meeting) {
        this(type, title, body, recipients, signer, meeting, null, null, null, null, null, null);
    }

    public record RecipientInput(String name, String email) {}

    /**
     * start and end: ISO-8601 date-times with offset, e.g. 2026-12-03T08:00:00+07:00. The email's
     * field, optional: replyBy, the moment invitees are asked to answer before (same format).
     * allowSubstitute: whether an invitee may send someone in their place ("Cử người dự thay");
     * absent: true.
     */
    public record MeetingInput(
            String start,
            String end,
            String location,
            String chair,
            String invitees,
            String preparation,
            String contact,
            String replyBy,
            Boolean allowSubstitute) {

        /** Without saying whether a substitute may come: one may. */
        public MeetingInput(
                String start,
                String end,
                String location,
                String chair,
                String invitees,
                String preparation,
                String contact,
                String replyBy) {
            this(start, end, location, chair, invitees, preparation, contact, replyBy, null);
        }
    }
}
