package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import vn.vanthu.support.MovableClock;
import vn.vanthu.system.InvalidInputException;

/** The public check's gate without Spring: a fake verification in place of DSS, a clock moved by hand. */
class VerificationGateTest {

    static final PdfVerification.Result OK = new PdfVerification.Result(
            true, "TOTAL_PASSED", null, List.of(), null, VerificationReport.Verdict.ISSUED_ORIGINAL);

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T08:00:00Z"));
    final AtomicInteger verified = new AtomicInteger();
    final ExecutorService callers = Executors.newCachedThreadPool();
    VerificationGate gate;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (gate != null) {
            gate.destroy();
        }
    }

    static VerificationLimits limits(int concurrent, Duration slotWait, int perMinute, Duration budget) {
        return new VerificationLimits(concurrent, slotWait, perMinute, budget, 200, 200_000, 20);
    }

    VerificationGate gate(VerificationLimits limits, Function<byte[], PdfVerification.Result> verification) {
        gate = new VerificationGate(limits, clock, pdf -> {
            verified.incrementAndGet();
            return verification.apply(pdf);
        });
        return gate;
    }

    @Test
    void aThirdCheckWhileTwoRunIsRefusedWith503AndRetryAfter() throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch finish = new CountDownLatch(1);
        gate(limits(2, Duration.ofMillis(200), 10, Duration.ofSeconds(20)), pdf -> {
            entered.countDown();
            awaitIgnoringInterrupts(finish);
            return OK;
        });
        byte[] pdf = pdf(1);
        Future<PdfVerification.Result> first = callers.submit(() -> gate.check("203.0.113.1", pdf));
        Future<PdfVerification.Result> second = callers.submit(() -> gate.check("203.0.113.2", pdf));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        VerificationGate.Refused busy =
                catchThrowableOfType(() -> gate.check("203.0.113.3", pdf), VerificationGate.Refused.class);
        assertThat(busy.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("waited for a slot")
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        // the two running ones reach their budget in about 20 s
        assertThat(busy.retryAfterSeconds())
                .hasValueSatisfying(s -> assertThat(s).isBetween(1L, 20L));
        assertThat(busy.getMessage())
                .startsWith("Máy chủ đang bận kiểm tra các tệp khác, vui lòng thử lại sau ")
                .endsWith(" giây.");

        finish.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(OK);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(OK);
        awaitIdle();
        assertThat(gate.check("203.0.113.3", pdf)).as("a slot is free again").isEqualTo(OK);
    }

    @Test
    void theEleventhCheckFromOneAddressWithinAMinuteIsRefusedWith429() {
        gate(limits(2, Duration.ZERO, 10, Duration.ofSeconds(20)), pdf -> OK);
        byte[] pdf = pdf(1);
        for (int i = 0; i < 10; i++) {
            assertThat(gate.check("198.51.100.7", pdf)).isEqualTo(OK);
            clock.move(Duration.ofSeconds(1));
        }
        VerificationGate.Refused tooMany =
                catchThrowableOfType(() -> gate.check("198.51.100.7", pdf), VerificationGate.Refused.class);
        assertThat(tooMany.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        // the first call was 10 s ago: it leaves the minute in 50 s
        assertThat(tooMany.retryAfterSeconds()).contains(50L);
        assertThat(tooMany.getMessage())
                .isEqualTo("Bạn đã gửi quá nhiều tệp để kiểm tra (tối đa 10 tệp mỗi phút), vui lòng thử lại sau 50"
                        + " giây.");
        assertThat(verified).hasValue(10);

        assertThat(gate.check("198.51.100.8", pdf)).as("another address").isEqualTo(OK);

        clock.move(Duration.ofSeconds(49));
        assertThatThrownBy(() -> gate.check("198.51.100.7", pdf)).isInstanceOf(VerificationGate.Refused.class);
        clock.move(Duration.ofSeconds(1));
        assertThat(gate.check("198.51.100.7", pdf))
                .as("the first call left the minute")
                .isEqualTo(OK);
    }

    @Test
    void ipv6AddressesAreCountedPerSlash64() {
        assertThat(VerificationGate.rateKey("2001:db8:1:2::1"))
                .isEqualTo(VerificationGate.rateKey("2001:0db8:0001:0002:ffff::9%eth0"))
                .isEqualTo("20010db800010002/64");
        assertThat(VerificationGate.rateKey("2001:db8:1:3::1"))
                .isNotEqualTo(VerificationGate.rateKey("2001:db8:1:2::1"));
        assertThat(VerificationGate.rateKey("198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(VerificationGate.rateKey("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(VerificationGate.rateKey("not an address")).isEqualTo("not an address");
        assertThat(VerificationGate.rateKey(null)).isEqualTo("?");

        gate(limits(2, Duration.ZERO, 2, Duration.ofSeconds(20)), pdf -> OK);
        byte[] pdf = pdf(1);
        gate.check("2001:db8:1:2::1", pdf);
        gate.check("2001:db8:1:2::2", pdf);
        assertThatThrownBy(() -> gate.check("2001:db8:1:2::3", pdf))
                .isInstanceOfSatisfying(
                        VerificationGate.Refused.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
    }

    @Test
    void aCheckPastItsBudgetIsAnswered422AndKeepsItsSlotUntilItEnds() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        gate(limits(1, Duration.ZERO, 10, Duration.ofMillis(300)), pdf -> {
            if (verified.get() == 1) { // the first one: as slow as DSS on a crafted file, and as deaf to interrupts
                interrupted.set(awaitIgnoringInterrupts(finish));
            }
            return OK;
        });
        byte[] pdf = pdf(1);

        long start = System.nanoTime();
        VerificationGate.Refused tooLong =
                catchThrowableOfType(() -> gate.check("192.0.2.1", pdf), VerificationGate.Refused.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertThat(tooLong.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooLong.retryAfterSeconds()).isEmpty();
        assertThat(tooLong.getMessage()).isEqualTo("Tệp quá phức tạp để kiểm tra trong thời gian cho phép (1 giây).");

        // the abandoned work still runs: it holds the only slot
        assertThat(gate.running()).isEqualTo(1);
        VerificationGate.Refused busy =
                catchThrowableOfType(() -> gate.check("192.0.2.2", pdf), VerificationGate.Refused.class);
        assertThat(busy.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(busy.retryAfterSeconds())
                .hasValueSatisfying(s -> assertThat(s).isPositive());

        finish.countDown();
        awaitIdle();
        assertThat(interrupted).as("the abandoned worker was interrupted").isTrue();
        assertThat(gate.check("192.0.2.2", pdf))
                .as("the slot is free once the work ended")
                .isEqualTo(OK);
    }

    @Test
    void aFileWithThreeHundredPagesIsRefusedBeforeTheValidator() {
        gate(limits(2, Duration.ZERO, 10, Duration.ofSeconds(20)), pdf -> OK);
        InvalidInputException refused =
                catchThrowableOfType(() -> gate.check("192.0.2.9", pdf(300)), InvalidInputException.class);
        assertThat(refused.fieldErrors()).containsOnlyKeys("file");
        assertThat(refused.fieldErrors().get("file"))
                .isEqualTo("Tệp có quá nhiều trang để kiểm tra: 300 trang (tối đa 200).");
        assertThat(verified).hasValue(0);
        assertThat(gate.running()).isZero();
    }

    @Test
    void tooManyObjectsOrSignaturesAreRefusedToo() {
        gate = new VerificationGate(
                new VerificationLimits(2, Duration.ZERO, 10, Duration.ofSeconds(20), 1000, 50, 2), clock, pdf -> {
                    verified.incrementAndGet();
                    return OK;
                });
        assertThatThrownBy(() -> gate.check("192.0.2.9", pdf(100)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("file"))
                                .startsWith("Tệp có quá nhiều đối tượng để kiểm tra: ")
                                .endsWith(" (tối đa 50)."));
        assertThatThrownBy(() -> gate.check("192.0.2.9", withSignatureFields(3)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("file"))
                                .isEqualTo("Tệp có quá nhiều chữ ký để kiểm tra: 3 (tối đa 2)."));
        assertThat(gate.check("192.0.2.9", withSignatureFields(2))).isEqualTo(OK);
        assertThat(verified).hasValue(1);
    }

    @Test
    void aSmallPdfAndFilesPdfboxCannotOpenGoOnToTheValidator() throws Exception {
        List<byte[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        gate(limits(2, Duration.ZERO, 10, Duration.ofSeconds(20)), pdf -> {
            seen.add(pdf);
            return OK;
        });
        byte[] small = pdf(1);
        byte[] notAPdf = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] encrypted = encrypted(pdf(300)); // its pages cannot be counted without the password
        assertThat(gate.check("192.0.2.10", small)).isEqualTo(OK);
        assertThat(gate.check("192.0.2.10", notAPdf)).isEqualTo(OK);
        assertThat(gate.check("192.0.2.10", encrypted)).isEqualTo(OK);
        assertThat(seen).containsExactly(small, notAPdf, encrypted);
    }

    @Test
    void aFileOverTwentyMegabytesIsRefusedWithoutTakingASlot() {
        gate(limits(1, Duration.ZERO, 10, Duration.ofSeconds(20)), pdf -> OK);
        assertThatThrownBy(() -> gate.check("192.0.2.11", new byte[PdfVerification.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("file")).contains("quá lớn"));
        assertThat(verified).hasValue(0);
    }

    @Test
    void theApiAnswersARefusalAsProblemJsonWithRetryAfter() {
        VerifyController api = new VerifyController(null, null);
        gate(limits(2, Duration.ZERO, 1, Duration.ofSeconds(20)), pdf -> OK);
        gate.check("192.0.2.12", pdf(1));
        VerificationGate.Refused tooMany =
                catchThrowableOfType(() -> gate.check("192.0.2.12", pdf(1)), VerificationGate.Refused.class);

        ResponseEntity<ProblemDetail> answer = api.refused(tooMany);
        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(answer.getBody().getStatus()).isEqualTo(429);
        assertThat(answer.getBody().getTitle()).isEqualTo("Quá nhiều yêu cầu");
        assertThat(answer.getBody().getDetail()).contains("thử lại sau 60 giây");

        ResponseEntity<ProblemDetail> busy = api.refused(new VerificationGate.Refused(
                HttpStatus.SERVICE_UNAVAILABLE, "Máy chủ đang bận", "bận", Duration.ofMillis(2500)));
        assertThat(busy.getStatusCode().value()).isEqualTo(503);
        assertThat(busy.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");

        ResponseEntity<ProblemDetail> tooLong = api.refused(
                new VerificationGate.Refused(HttpStatus.UNPROCESSABLE_ENTITY, "Tệp quá phức tạp", "lâu", null));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(422);
        assertThat(tooLong.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    // --- helpers

    /** Waits for every slot to be free: a worker releases its slot just after its caller got the answer. */
    void awaitIdle() {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .untilAsserted(() -> assertThat(gate.running()).isZero());
    }

    /** Like DSS: carries on when interrupted; returns whether it was. */
    static boolean awaitIgnoringInterrupts(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (latch.await(10, TimeUnit.SECONDS)) {
                    return interrupted;
                }
                throw new AssertionError("never released");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    /** A PDF of this many blank pages. */
    static byte[] pdf(int pages) {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage());
            }
            return save(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One page and this many signature fields with a (dummy) signature dictionary each. */
    static byte[] withSignatureFields(int count) {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            for (int i = 0; i < count; i++) {
                PDSignatureField field = new PDSignatureField(form);
                field.setPartialName("chuKy" + i);
                PDSignature signature = new PDSignature();
                signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
                signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
                field.setValue(signature);
                form.getFields().add(field);
            }
            return save(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encrypted(byte[] pdf) throws IOException {
        try (PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("chu", "nguoi-doc", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        }
    }

    static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
