package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vn.vanthu.signing.SigningCertificates;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.signing.SigningPins;
import vn.vanthu.signing.WrongPinException;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;

/**
 * Hardening, round three: the wrong PIN that blocks the key says so and until when (Vietnam time),
 * not "còn 5 lần thử" as if the count had started again. No Spring.
 */
class LeaderSignaturePinTest {

    // 03:00 UTC = 10:00 in Vietnam; blocked for 15 minutes → 10:15
    final Clock clock = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);
    final SigningKeys keys = mock(SigningKeys.class);
    final SigningPins pins =
            new SigningPins(keys, new SigningPins.Settings(5, Duration.ofMinutes(15)), clock, event -> {});
    final LeaderSignature signature = new LeaderSignature(
            null, null, null, null, pins, keys, null, null, null, mock(SigningCertificates.class), clock);

    @Test
    void theFifthWrongPinSaysTheKeyIsLockedUntilWhen() {
        when(keys.signer(eq("bithu"), any())).thenThrow(new WrongPinException("bithu"));
        for (int left = 4; left >= 1; left--) {
            String expected = "Mã PIN ký số không đúng (còn " + left + " lần thử).";
            assertThatThrownBy(() -> signature.open("bithu", "0000"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsEntry("pin", expected));
        }
        assertThatThrownBy(() -> signature.open("bithu", "0000"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get("pin"))
                                .contains("tạm khóa đến 10:15")
                                .doesNotContain("lần thử"));
        assertThat(pins.attemptsLeft("bithu")).isZero();
        // the sixth: blocked, whatever the PIN
        assertThatThrownBy(() -> signature.open("bithu", "demo"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("10:15");
    }
}
