package vn.vanthu.document.spi;

import java.time.Instant;
import java.util.Map;

/**
 * What happened to each recipient's copy of an issued document; implemented by the distribution
 * package so that this package does not depend on it.
 */
public interface DeliveryStatuses {

    /** By recipient position in the issued version. */
    Map<Integer, Status> forDocument(Long documentId);

    record Status(String delivery, Instant sentAt, Instant confirmedAt, String response) {}
}
