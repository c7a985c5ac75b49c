package vn.vanthu.monitoring.spi;

import java.time.Instant;
import java.util.Optional;

/** When a document's leader signed, for the sign-to-inbox timer; the issuing module implements it. */
public interface SignatureTimes {

    /** The latest signature of any version of the document, if it was signed. */
    Optional<Instant> lastSignedAt(Long documentId);
}
