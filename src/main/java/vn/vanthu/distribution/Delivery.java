package vn.vanthu.distribution;

import java.time.Instant;

/** One email to one recipient about one document; the record that prevents a second send. */
public record Delivery(Long id, Long documentId, int position, Kind kind, String name, String email, State state,
                       int attempts, String lastError, Instant sentAt, String messageId, Instant confirmedAt,
                       String response) {

    public enum Kind { ISSUE }

    public enum State { PENDING, SENT, FAILED }
}
