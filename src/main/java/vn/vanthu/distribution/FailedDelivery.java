package vn.vanthu.distribution;

/** An email whose retries ran out or whose address was refused, with its document: what the clerk looks after. */
public record FailedDelivery(
        long id,
        long documentId,
        Delivery.Kind kind,
        String number,
        String title,
        String name,
        String email,
        int attempts,
        String lastError) {}
