package vn.vanthu.distribution;

import java.time.Instant;

/** One email to one recipient about one document; the record that prevents a second send. */
public record Delivery(Long id, Long documentId, int position, Kind kind, String name, String email, State state,
                       int attempts, String lastError, Instant sentAt, String messageId, Instant confirmedAt,
                       String response, String delegateName) {

    /** The issued document, the meeting reminder, the recall notice. */
    public enum Kind { ISSUE, REMINDER, RECALL }

    /** CANCELLED: not sent because the document was recalled first. */
    public enum State { PENDING, SENT, FAILED, CANCELLED }

    /** A recipient's answer to an invitation. */
    public enum Response { ATTENDING, DECLINED, DELEGATED }
}
