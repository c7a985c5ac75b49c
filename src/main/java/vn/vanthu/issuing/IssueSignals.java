package vn.vanthu.issuing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.springframework.stereotype.Component;

/**
 * Lets a request wait for a document's issuing job: the job signals when its transaction has
 * committed, so the signer's call returns at once instead of polling the database. A job run by
 * another node of a cluster does not signal here; the waiter then still sees the status on its
 * next look at the database, one {@link #RECHECK} later at most.
 */
@Component
public class IssueSignals {

    static final Duration RECHECK = Duration.ofMillis(500);

    private final ConcurrentHashMap<Long, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Called after an issuing transaction committed. */
    void issued(Long documentId) {
        CompletableFuture<Void> signal = waiting.remove(documentId);
        if (signal != null) {
            signal.complete(null);
        }
    }

    /**
     * Waits at most {@code max} until {@code isIssued} says yes; true if it did.
     * @param isIssued reads the document's status from the database
     */
    public boolean await(Long documentId, Duration max, BooleanSupplier isIssued) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            CompletableFuture<Void> signal = waiting.computeIfAbsent(documentId, id -> new CompletableFuture<>());
            // looked at after registering, so a signal between the two is not missed
            if (isIssued.getAsBoolean()) {
                waiting.remove(documentId, signal);
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                waiting.remove(documentId, signal);
                return false;
            }
            try {
                signal.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // look at the database again
            }
        }
    }
}
