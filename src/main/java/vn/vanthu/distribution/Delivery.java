package vn.vanthu.distribution;

import java.time.Instant;

/** One email to one recipient about one document; the record that prevents a second send. */
public record Delivery(
        Long id,
        Long documentId,
        int position,
        Kind kind,
        String name,
        String email,
        State state,
        int attempts,
        String lastError,
        Instant sentAt,
        String messageId,
        Instant confirmedAt,
        String response,
        String delegateName,
        String declineReason,
        String delegatePosition,
        Instant answeredAt,
        String answeredVia) {

    /** The issued document, the meeting reminder, the recall notice. */
    public enum Kind {
        ISSUE,
        REMINDER,
        RECALL
    }

    /** CANCELLED: not sent because the document was recalled first. */
    public enum State {
        PENDING,
        SENT,
        FAILED,
        CANCELLED
    }

    /** A recipient's answer to an invitation. */
    public enum Response {
        ATTENDING,
        DECLINED,
        DELEGATED
    }

    /** Where an answer came from: the personal link's page, or a calendar client's iTIP REPLY. */
    public enum Via {
        LINK,
        CALENDAR
    }

    /**
     * An invitee's answer: the person sent instead (name, position) for DELEGATED, the reason for
     * DECLINED.
     */
    public record Answer(
            Response response, String delegateName, String delegatePosition, String declineReason, Via via) {}
}
