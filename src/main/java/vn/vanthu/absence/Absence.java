package vn.vanthu.absence;

import java.time.Instant;

/** One recorded absence of a leader; {@code cancelledAt} set once cancelled (never deleted). */
public record Absence(
        long id,
        String userId,
        Instant startsAt,
        Instant endsAt,
        String deputy,
        String reason,
        String createdBy,
        Instant createdAt,
        Instant cancelledAt) {

    public boolean cancelled() {
        return cancelledAt != null;
    }

    /** In force at this instant: not cancelled, and {@code startsAt <= at < endsAt}. */
    public boolean activeAt(Instant at) {
        return !cancelled() && !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
