package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.security.Caller;
import vn.vanthu.support.BesideTheOthers;
import vn.vanthu.support.MovableClock;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;

/** A leader changes their own signing PIN: the rules, the count, the block, a token key. No Spring. */
@BesideTheOthers // no Spring, nothing the others read
class SigningPinChangeTest {

    static final Caller PHOBITHU = new Caller("phobithu", Set.of(Groups.SIGNERS));

    @TempDir
    Path dir;

    final MovableClock clock = new MovableClock(SigningTest.NOW);
    final List<Object> published = new ArrayList<>();

    SigningPinChange service(SigningKeys keys) {
        SigningPins pins = new SigningPins(keys, new SigningPins.Settings(null, null), clock, published::add);
        return new SigningPinChange(pins, keys, new AccessPolicy());
    }

    SigningKeys demoKeys() {
        SigningKeys keys = SigningKeys.demo(dir);
        keys.ensureDemoSigner("phobithu", "Lê Thị Hằng");
        return keys;
    }

    @ParameterizedTest(name = "new PIN \"{0}\" → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            NULL        | Cần nhập mã PIN mới.
            48213       | ít nhất 6 ký tự
            777777      | một chữ số lặp lại
            ' 482139'   | dấu cách
            demo-pin-1  | khác mã PIN hiện tại
            482139      | NULL
            """)
    void theRulesOfANewPin(String newPin, String error) {
        var errors = SigningPinChange.newPinErrors("demo-pin-1", newPin);
        if (error == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).containsOnlyKeys(SigningPinChange.NEW);
            assertThat(errors.get(SigningPinChange.NEW)).contains(error);
        }
    }

    @Test
    void theRightCurrentPinReEncryptsTheKeyAndTellsTheOwner() {
        SigningKeys keys = demoKeys();
        service(keys).change(PHOBITHU, "demo", "482139");
        assertThatThrownBy(() -> keys.signer("phobithu", "demo".toCharArray())).isInstanceOf(WrongPinException.class);
        assertThat(keys.signer("phobithu", "482139".toCharArray()).id()).isEqualTo("phobithu");
        assertThat(published).singleElement().isEqualTo(new SigningPinChanged("phobithu", SigningTest.NOW));
        assertThat(published.toString()).doesNotContain("482139").doesNotContain("demo");
    }

    @Test
    void aBadNewPinCostsNoAttemptOfTheCurrentOne() {
        SigningKeys keys = demoKeys();
        SigningPinChange change = service(keys);
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> change.change(PHOBITHU, "wrong", "111111"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys(SigningPinChange.NEW));
        }
        assertThat(change.unavailable(PHOBITHU)).isEmpty();
    }

    @Test
    void fiveWrongCurrentPinsBlockTheKeyAndThePageSaysUntilWhen() {
        SigningKeys keys = demoKeys();
        SigningPinChange change = service(keys);
        for (int left = 4; left >= 1; left--) {
            String expected = "còn " + left + " lần thử";
            assertThatThrownBy(() -> change.change(PHOBITHU, "wrong", "482139"))
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.fieldErrors())
                                    .containsOnlyKeys(SigningPinChange.CURRENT)
                                    .containsValue("Mã PIN hiện tại không đúng (" + expected + ")."));
        }
        // the fifth blocks; Vietnam time, 15 minutes after now
        String until = java.time.format.DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy")
                .format(SigningTest.NOW.plus(Duration.ofMinutes(15)).atZone(OrganisationProperties.VIETNAM));
        assertThatThrownBy(() -> change.change(PHOBITHU, "wrong", "482139"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.fieldErrors().get(SigningPinChange.CURRENT))
                                .contains("tạm khóa")
                                .contains(until));
        // one SigningPinRefused per wrong PIN (the audit trail's), and one block
        assertThat(published).filteredOn(SigningPinRefused.class::isInstance).hasSize(5);
        assertThat(published)
                .filteredOn(e -> !(e instanceof SigningPinRefused))
                .singleElement()
                .isInstanceOf(SigningKeyBlocked.class);
        // blocked: even the right PIN is a 409 saying until when, and the page shows it instead of the form
        assertThatThrownBy(() -> change.change(PHOBITHU, "demo", "482139"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(until);
        assertThat(change.unavailable(PHOBITHU))
                .hasValueSatisfying(why -> assertThat(why).contains(until));

        clock.move(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(change.unavailable(PHOBITHU)).isEmpty();
        change.change(PHOBITHU, "demo", "482139");
        assertThat(keys.signer("phobithu", "482139".toCharArray()).id()).isEqualTo("phobithu");
    }

    @Test
    void aTokenKeyIsChangedWithTheTokensOwnToolAndTheTokenIsNotAsked() {
        SigningKeys keys = mock(SigningKeys.class);
        when(keys.inToken("phobithu")).thenReturn(true);
        SigningPinChange change = service(keys);
        assertThat(change.unavailable(PHOBITHU)).hasValue(SigningPinChange.IN_TOKEN);
        assertThatThrownBy(() -> change.change(PHOBITHU, "123456", "482139"))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("công cụ")
                .hasMessageContaining("thiết bị");
        verify(keys, never()).signer(any(), any());
        verify(keys, never()).changePin(any(), any(), any());
        assertThat(published).isEmpty();
    }

    @Test
    void onlyASignerHasAPinToChange() {
        SigningPinChange change = service(demoKeys());
        Caller drafter = new Caller("chuyenvien", Set.of(Groups.DRAFTERS));
        assertThatThrownBy(() -> change.unavailable(drafter)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> change.change(drafter, "demo", "482139")).isInstanceOf(ForbiddenException.class);
    }
}
