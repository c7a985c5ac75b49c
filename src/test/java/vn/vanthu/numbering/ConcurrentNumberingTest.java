package vn.vanthu.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import vn.vanthu.support.Api;
import vn.vanthu.support.ConcurrentAllocations;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** Numbers are taken at issue only, never twice and never with a gap, however many sign at once. */
class ConcurrentNumberingTest extends IntegrationTest {

    @Autowired
    NumberAllocator allocator;

    @Autowired
    PlatformTransactionManager transactions;

    final Flow flow = new Flow(this);

    @Test
    void sixteenThreadsAllocatingWithSomeRollbacksLeaveNoGapAndNoDuplicate() throws Exception {
        // twenty rounds, each on a year no other test issues in, so each counter is one round's alone.
        // Rollbacks while others wait on the counter are what once gave duplicates on H2 (see
        // NumberAllocator); one round hit it only now and then, twenty rounds most of the time.
        for (int year = 2070; year < 2090; year++) {
            allocateInSixteenThreads(LocalDate.of(year, 3, 2));
        }
    }

    private void allocateInSixteenThreads(LocalDate day) throws Exception {
        ConcurrentAllocations.Result result = ConcurrentAllocations.run(allocator, transactions, day, 16, 20, 5);
        List<Integer> committed = result.committed();
        assertThat(result.rolledBack()).isEqualTo(64);
        assertThat(committed).as("year %s", day.getYear()).hasSize(16 * 20 - 64);
        assertThat(committed).as("year %s", day.getYear()).doesNotHaveDuplicates();
        assertThat(committed.stream().sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, committed.size()).boxed().toList());
        assertThat(allocator.peek("GM", day).text()).isEqualTo((committed.size() + 1) + "-GM/ĐUK");
    }

    @Test
    void sixteenDocumentsSignedAtTheSameMomentGetDistinctConsecutiveNumbers() throws Exception {
        int count = 16;
        List<Long> ids = new ArrayList<>();
        List<String> signTasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long id = flow.create(Drafts.invitation("Ký đồng thời " + i, Drafts.uniqueDomain(), 1));
            flow.submit(id);
            flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            ids.add(id);
            signTasks.add(flow.taskOf("bithu", id, Kind.SIGN));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<Api.Response>> signed = new ArrayList<>();
        for (String task : signTasks) {
            signed.add(pool.submit(() -> {
                start.await();
                return flow.decide("bithu", task, Decision.SIGN, null);
            }));
        }
        start.countDown();
        for (Future<Api.Response> f : signed) {
            assertThat(f.get(120, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        pool.shutdown();

        List<Integer> numbers = new ArrayList<>();
        for (long id : ids) {
            JsonNode document = awaitIssued(id);
            String number = document.get("number").asText();
            assertThat(number).matches("\\d{2,}-GM/ĐUK");
            numbers.add(Integer.parseInt(number.substring(0, number.indexOf('-'))));
        }
        assertThat(numbers).doesNotHaveDuplicates();
        List<Integer> sorted = numbers.stream().sorted().toList();
        assertThat(sorted.get(count - 1) - sorted.get(0)).isEqualTo(count - 1);
    }

    private JsonNode awaitIssued(long id) throws InterruptedException {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> flow.document(id),
                        document -> "ISSUED".equals(document.get("status").asText()));
    }
}
