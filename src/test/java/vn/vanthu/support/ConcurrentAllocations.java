package vn.vanthu.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.numbering.NumberAllocator;

/**
 * Many threads taking Giấy mời numbers of one day at once, each number in its own transaction;
 * every {@code rollbackEvery}-th transaction (by thread + attempt) fails after taking its number,
 * as an issue that fails after numbering does.
 */
public final class ConcurrentAllocations {

    /** The numbers of the committed transactions, and how many were rolled back. */
    public record Result(List<Integer> committed, int rolledBack) {}

    private ConcurrentAllocations() {}

    public static Result run(
            NumberAllocator allocator,
            PlatformTransactionManager transactions,
            LocalDate day,
            int threads,
            int perThread,
            int rollbackEvery)
            throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rolledBack = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        boolean rollBack = rollbackEvery > 0 && (thread + i) % rollbackEvery == 0;
                        try {
                            committed.add(transaction.execute(status -> {
                                int n = allocator.allocate("GM", day).seq();
                                if (rollBack) {
                                    throw new IllegalStateException("issuing failed after numbering");
                                }
                                return n;
                            }));
                        } catch (IllegalStateException expected) {
                            rolledBack.incrementAndGet(); // the number goes back with the rollback
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(List.copyOf(committed), rolledBack.get());
    }
}
