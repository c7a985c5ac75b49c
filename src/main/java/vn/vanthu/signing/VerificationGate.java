package vn.vanthu.signing;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import vn.vanthu.system.InvalidInputException;

/**
 * What stands between an anonymous upload and {@link PdfVerification#verify}: DSS may spend half a
 * minute of CPU on a crafted file of a few MB, and the public check needs no sign-in. In this order:
 * <ol>
 * <li>a rate per client address ({@code per-address-per-minute} in any 60 s, IPv6 counted per /64, which
 * one subscriber gets whole): 429;</li>
 * <li>the size (PdfVerification's 20 MB): 400;</li>
 * <li>a free slot among {@code max-concurrent}, waited for at most {@code slot-wait}: 503;</li>
 * <li>in the slot, on a worker thread: a quick PDFBox parse refusing too many pages, objects or
 * signatures (400), then DSS; the caller waits at most {@code time-budget}: 422.</li>
 * </ol>
 * The parse is inside the slot and the budget, not before: PDFBox rebuilding the cross references of a
 * damaged 1.5 MB file by brute force took 16 s in our measurement, as much as DSS itself.
 * A check past its budget is abandoned (its thread interrupted, which neither PDFBox nor DSS heed),
 * and it keeps its slot until it really ends: abandoned work never adds to the checks running.
 * <p>
 * The counts are in memory, per node, like the sign-in throttle's (security.LoginThrottle), and bounded.
 */
@Component
public class VerificationGate implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VerificationGate.class);
    private static final Duration WINDOW = Duration.ofMinutes(1);
    /** Addresses whose recent calls are remembered; beyond, idle ones are forgotten first. */
    static final int MAX_TRACKED = 10_000;
    /** PDFBox's scratch memory for the quick parse: a stream inflating beyond it fails the parse. */
    private static final long PARSE_MEMORY = 32L * 1024 * 1024;
    /** An IPv6 literal, and nothing a lookup could be asked for (InetAddress then never resolves it). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** A check the gate would not run: its status, its Vietnamese message, and when to try again. */
    public static final class Refused extends RuntimeException {

        private final HttpStatus status;
        private final String title;
        private final Duration retryAfter;

        Refused(HttpStatus status, String title, String message, Duration retryAfter) {
            super(message, null, false, false);
            this.status = status;
            this.title = title;
            this.retryAfter = retryAfter;
        }

        public HttpStatus status() {
            return status;
        }

        public String title() {
            return title;
        }

        /** Whole seconds, at least 1, for the Retry-After header; empty when trying again will not help. */
        public Optional<Long> retryAfterSeconds() {
            return Optional.ofNullable(retryAfter).map(VerificationGate::seconds);
        }
    }

    private final VerificationLimits limits;
    private final Clock clock;
    private final Function<byte[], PdfVerification.Result> verification;
    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    /** Start (System.nanoTime) of each check holding a slot, for the Retry-After of a 503. */
    private final Map<Check, Long> running = new ConcurrentHashMap<>();
    /** Per address key: the times of its calls within the last minute, oldest first; guarded by itself. */
    private final Map<String, ArrayDeque<Instant>> calls = new ConcurrentHashMap<>();

    @Autowired
    VerificationGate(VerificationLimits limits, Clock clock, PdfVerification verification) {
        this(limits, clock, verification::verify);
    }

    /** With any verification in place of DSS (tests: a slow one). */
    VerificationGate(VerificationLimits limits, Clock clock, Function<byte[], PdfVerification.Result> verification) {
        this.limits = limits;
        this.clock = clock;
        this.verification = verification;
        this.slots = new Semaphore(limits.maxConcurrent(), true);
        AtomicInteger threads = new AtomicInteger();
        // never more tasks than slots: the semaphore bounds the queue, which is only there for the
        // moment between a slot's release and its thread taking the next task
        this.workers = new ThreadPoolExecutor(
                limits.maxConcurrent(),
                limits.maxConcurrent(),
                1,
                TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "verification-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.workers.allowCoreThreadTimeOut(true);
    }

    /**
     * Checks this PDF for a caller at this address, or refuses: {@link Refused} (429, 503, 422) or
     * {@link InvalidInputException} on {@code file} (400).
     */
    public PdfVerification.Result check(String clientAddress, byte[] pdf) {
        countCall(clientAddress);
        if (pdf != null && pdf.length > PdfVerification.MAX_BYTES) {
            throw PdfVerification.tooLarge();
        }
        Check check = start(pdf);
        try {
            return check.result.get(limits.timeBudget().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            check.abandon();
            log.warn(
                    "Public check of a {}-byte file from {} abandoned after {}; its slot stays taken until it ends",
                    pdf == null ? 0 : pdf.length,
                    clientAddress,
                    limits.timeBudget());
            throw new Refused(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "Tệp quá phức tạp",
                    "Tệp quá phức tạp để kiểm tra trong thời gian cho phép (" + seconds(limits.timeBudget())
                            + " giây).",
                    null);
        } catch (InterruptedException e) {
            check.abandon();
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Checks running now, abandoned ones included (tests). */
    int running() {
        return limits.maxConcurrent() - slots.availablePermits();
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    // --- the rate

    private void countCall(String clientAddress) {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        ArrayDeque<Instant> times = track(rateKey(clientAddress), since);
        Duration wait;
        synchronized (times) {
            prune(times, since);
            if (times.size() < limits.perAddressPerMinute()) {
                times.addLast(now);
                return;
            }
            // refusals are not counted: the address may call again as soon as its oldest call is a minute old
            wait = Duration.between(now, times.peekFirst().plus(WINDOW));
        }
        throw new Refused(
                HttpStatus.TOO_MANY_REQUESTS,
                "Quá nhiều yêu cầu",
                "Bạn đã gửi quá nhiều tệp để kiểm tra (tối đa " + limits.perAddressPerMinute()
                        + " tệp mỗi phút), vui lòng thử lại sau " + seconds(wait) + " giây.",
                wait);
    }

    private ArrayDeque<Instant> track(String key, Instant since) {
        ArrayDeque<Instant> existing = calls.get(key);
        if (existing != null) {
            return existing;
        }
        if (calls.size() >= MAX_TRACKED) {
            for (Iterator<ArrayDeque<Instant>> it = calls.values().iterator(); it.hasNext(); ) {
                ArrayDeque<Instant> times = it.next();
                synchronized (times) {
                    if (times.isEmpty() || !times.peekLast().isAfter(since)) {
                        it.remove();
                    }
                }
            }
        }
        if (calls.size() >= MAX_TRACKED) {
            // that many addresses within a minute: counted nowhere rather than grow; the slots still hold
            return new ArrayDeque<>();
        }
        return calls.computeIfAbsent(key, k -> new ArrayDeque<>());
    }

    private static void prune(ArrayDeque<Instant> times, Instant since) {
        while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
            times.removeFirst();
        }
    }

    /** The address, or for IPv6 its /64: one home or one server gets a whole /64 and picks from it. */
    static String rateKey(String address) {
        if (address == null || address.isBlank()) {
            return "?";
        }
        String trimmed = address.trim();
        int zone = trimmed.indexOf('%');
        String literal = zone < 0 ? trimmed : trimmed.substring(0, zone);
        if (!IPV6.matcher(literal).matches()) {
            return trimmed;
        }
        try {
            InetAddress parsed = InetAddress.getByName(literal);
            if (parsed instanceof Inet4Address) {
                return parsed.getHostAddress(); // ::ffff:a.b.c.d
            }
            return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "/64";
        } catch (IOException e) {
            return trimmed;
        }
    }

    // --- the slots

    private Check start(byte[] pdf) {
        boolean free;
        try {
            free = slots.tryAcquire(limits.slotWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!free) {
            throw busy();
        }
        Check check = new Check(pdf);
        running.put(check, System.nanoTime());
        try {
            workers.execute(check);
        } catch (RejectedExecutionException e) { // shutting down
            check.release();
            throw busy();
        }
        return check;
    }

    private Refused busy() {
        Duration wait = soonestFree();
        return new Refused(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Máy chủ đang bận",
                "Máy chủ đang bận kiểm tra các tệp khác, vui lòng thử lại sau " + seconds(wait) + " giây.",
                wait);
    }

    /** When the first running check reaches its budget (its caller is answered then); at least a second. */
    private Duration soonestFree() {
        long now = System.nanoTime();
        long budget = limits.timeBudget().toNanos();
        long soonest = running.values().stream()
                .mapToLong(started -> started + budget - now)
                .filter(left -> left > 0)
                .min()
                .orElse(budget); // all of them past their budget: abandoned work, of unknown length
        return Duration.ofNanos(soonest);
    }

    private static long seconds(Duration wait) {
        long millis = Math.max(wait.toMillis(), 1);
        return Math.max(1, (millis + 999) / 1000);
    }

    /** One check on a worker: releases its slot exactly once, when its work has really ended. */
    private final class Check implements Runnable {

        final CompletableFuture<PdfVerification.Result> result = new CompletableFuture<>();
        private final byte[] pdf;
        private final long queued = System.nanoTime();
        private Thread worker;
        private boolean abandoned;
        private boolean released;

        Check(byte[] pdf) {
            this.pdf = pdf;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (abandoned) {
                    release();
                    return;
                }
                worker = Thread.currentThread();
            }
            PdfVerification.Result value = null;
            Throwable failure = null;
            try {
                precheck(pdf);
                if (!isAbandoned()) {
                    value = verification.apply(pdf);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                boolean late;
                synchronized (this) {
                    worker = null;
                    late = abandoned;
                }
                Thread.interrupted(); // an abandon() that came late must not reach the thread's next task
                if (late) {
                    log.info(
                            "Abandoned public check of a {}-byte file ended after {} ms",
                            pdf == null ? 0 : pdf.length,
                            (System.nanoTime() - queued) / 1_000_000L);
                }
                release();
            }
            // answered only once the slot is free again: a caller that checks its next file at once finds it so
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (value != null) {
                result.complete(value);
            }
        }

        synchronized void abandon() {
            abandoned = true;
            if (worker != null) {
                worker.interrupt();
            }
        }

        private synchronized boolean isAbandoned() {
            return abandoned;
        }

        synchronized void release() {
            if (!released) {
                released = true;
                running.remove(this);
                slots.release();
            }
        }
    }

    // --- the quick parse

    private record Counts(int pages, int objects, int signatures) {}

    /** Refuses a file larger than the limits, as PDFBox counts it; one it cannot open goes on to DSS. */
    void precheck(byte[] pdf) {
        Counts counts = count(pdf);
        if (counts == null) {
            return;
        }
        if (counts.pages() > limits.maxPages()) {
            throw InvalidInputException.of(
                    "file",
                    "Tệp có quá nhiều trang để kiểm tra: " + counts.pages() + " trang (tối đa " + limits.maxPages()
                            + ").");
        }
        if (counts.objects() > limits.maxObjects()) {
            throw InvalidInputException.of(
                    "file",
                    "Tệp có quá nhiều đối tượng để kiểm tra: " + counts.objects() + " (tối đa " + limits.maxObjects()
                            + ").");
        }
        if (counts.signatures() > limits.maxSignatures()) {
            throw InvalidInputException.of(
                    "file",
                    "Tệp có quá nhiều chữ ký để kiểm tra: " + counts.signatures() + " (tối đa " + limits.maxSignatures()
                            + ").");
        }
    }

    /** Null when PDFBox cannot read it: empty, not a PDF, damaged, encrypted; DSS's report says which. */
    private static Counts count(byte[] pdf) {
        if (pdf == null || pdf.length == 0) {
            return null;
        }
        try (PDDocument doc =
                Loader.loadPDF(pdf, "", null, null, MemoryUsageSetting.setupMainMemoryOnly(PARSE_MEMORY).streamCache)) {
            return new Counts(
                    doc.getNumberOfPages(),
                    doc.getDocument().getXrefTable().size(),
                    doc.getSignatureDictionaries().size());
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }
}
