package vn.vanthu.numbering.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * How far the issue emails of registered documents have gone (ngày chuyển, ký nhận): the
 * distribution module knows and implements this, so the register names none of its tables.
 */
public interface DeliveryProgress {

    /** By document id, for those with at least one issue email; one query for the whole list. */
    Map<Long, Progress> ofDocuments(Collection<Long> documentIds);

    /**
     * @param firstSent  when the first issue email left; null before
     * @param confirmed  recipients who confirmed receipt
     * @param deliveries issue emails in all
     */
    record Progress(Instant firstSent, int confirmed, int deliveries) {}
}
