package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.MovableClock;

/** The throttle's arithmetic with a clock moved by hand (no Spring). */
class LoginThrottleTest {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T01:00:00Z"));
    final List<String> mailed = new ArrayList<>();
    final LoginThrottle throttle = new LoginThrottle(
            new SecuritySettings.Login(
                    5, Duration.ofSeconds(30), FIVE_MINUTES, 200, 10, Duration.ofMinutes(15), 100, List.of()),
            clock,
            (user, until) -> mailed.add(user + " " + until));

    @Test
    void fourFailuresCostNothingTheFifthAWaitThatGrowsButNeverBeyondFiveMinutes() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("bithu", "203.0.113.1");
            assertThat(throttle.refusal("bithu", "203.0.113.1")).isEmpty();
        }
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            throttle.failed("bithu", "203.0.113.1");
            Optional<Duration> wait = throttle.refusal("bithu", "203.0.113.1");
            // once the first failures leave the 15-minute window, the count drops back under 5
            wait.ifPresent(waits::add);
            clock.move(wait.orElse(Duration.ZERO)); // the guesser waits each time, as long as asked
            assertThat(throttle.refusal("bithu", "203.0.113.1")).isEmpty();
        }
        assertThat(waits)
                .startsWith(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(4),
                        FIVE_MINUTES);
        assertThat(waits).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(FIVE_MINUTES));
        assertThat(mailed).isEmpty(); // one address is never an attack on the account
    }

    @Test
    void tenSpacedOutFailuresNeverKeepTheOwnerOutForLongerThanFiveMinutes() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("bithu", "203.0.113.9");
            clock.move(Duration.ofMinutes(1));
        }
        Optional<Duration> wait = throttle.refusal("bithu", "203.0.113.9");
        assertThat(wait.orElse(Duration.ZERO)).isLessThanOrEqualTo(FIVE_MINUTES);
        clock.move(FIVE_MINUTES);
        assertThat(throttle.refusal("bithu", "203.0.113.9")).isEmpty();
    }

    @Test
    void aThrottledAddressDoesNotKeepTheOwnerOutFromAnother() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("bithu", "203.0.113.2");
        }
        assertThat(throttle.refusal("bithu", "203.0.113.2")).isPresent();
        assertThat(throttle.refusal("bithu", "198.51.100.7")).isEmpty();
        assertThat(throttle.refusal("BiThu", "203.0.113.2"))
                .as("case does not give a fresh budget")
                .isPresent();
        throttle.succeeded("bithu", "198.51.100.7");
        assertThat(throttle.refusal("bithu", "203.0.113.2")).isPresent();
    }

    @Test
    void thirtyFailuresFromSixOtherAddressesNeverKeepTheOwnerOutFromHisOwn() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("bithu", "203.0.113." + (10 + i / 5)); // six addresses, five each: each pair blocked
        }
        for (int a = 10; a < 16; a++) {
            assertThat(throttle.refusal("bithu", "203.0.113." + a)).isPresent();
        }
        assertThat(throttle.refusal("bithu", "198.51.100.50")).isEmpty();
        assertThat(mailed).isEmpty();
    }

    @Test
    void aGuessSpreadOverManyAddressesBlocksTheGuessersButNeverTheOwnerAndLiftsByItself() {
        for (int i = 0; i < 200; i++) {
            assertThat(throttle.refusal("phobithu", "198.51.100.50")).isEmpty();
            throttle.failed("phobithu", "203.0.113." + (i % 50)); // 4 per address: no pair is throttled
        }
        assertThat(throttle.refusal("phobithu", "203.0.113.7")).contains(FIVE_MINUTES);
        // a fresh address gets one wrong password, then is refused too
        assertThat(throttle.refusal("phobithu", "192.0.2.1")).isEmpty();
        throttle.failed("phobithu", "192.0.2.1");
        assertThat(throttle.refusal("phobithu", "192.0.2.1")).isPresent();
        // the owner, from an address without failures, is never refused
        assertThat(throttle.refusal("phobithu", "198.51.100.50")).isEmpty();
        assertThat(mailed).hasSize(1).first().asString().startsWith("phobithu ");
        clock.move(FIVE_MINUTES);
        assertThat(throttle.refusal("phobithu", "203.0.113.7")).isEmpty();
    }

    @Test
    void manyFailuresFromFewAddressesAreThePairsBusinessOnly() {
        for (int i = 0; i < 250; i++) {
            throttle.failed("vanthu", "203.0.113." + (i % 5));
            clock.move(Duration.ofSeconds(1));
        }
        assertThat(mailed).as("five addresses are not an attack on the account").isEmpty();
        assertThat(throttle.refusal("vanthu", "198.51.100.9")).isEmpty();
    }

    @Test
    void anAdministratorLiftsEveryLockOfTheAccount() {
        for (int i = 0; i < 200; i++) {
            throttle.failed("vanthu", "203.0.113." + (i % 20));
        }
        assertThat(throttle.refusal("vanthu", "203.0.113.4")).isPresent();
        assertThat(throttle.lift("vanthu")).isTrue();
        assertThat(throttle.refusal("vanthu", "203.0.113.4")).isEmpty();
        assertThat(throttle.lift("vanthu")).isFalse();
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfNames() {
        for (int i = 0; i < 1000; i++) {
            throttle.failed("ai-do-" + i, "203.0.113.99");
            clock.move(Duration.ofSeconds(1));
        }
        // every failure was still counted somewhere sensible, and the maps never grew past max-tracked
        for (int i = 0; i < 6; i++) {
            throttle.failed("bithu", "203.0.113.98");
        }
        assertThat(throttle.refusal("bithu", "203.0.113.98")).isPresent();
        assertThat(throttle.tracked()).isLessThanOrEqualTo(200);
    }
}
