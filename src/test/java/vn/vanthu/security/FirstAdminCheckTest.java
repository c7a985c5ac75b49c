package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The prod profile's start-up check of the configured first administrator (no Spring). */
class FirstAdminCheckTest {

    @Test
    void noAdministratorConfiguredStopsTheStartWithWhatToSet() {
        assertThatThrownBy(() -> FirstAdminCheck.validate(null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VANTHU_ADMIN_USER");
        assertThatThrownBy(() -> FirstAdminCheck.validate(" ", "mot-mat-khau-dai"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VANTHU_ADMIN_USER");
    }

    @Test
    void aPasswordShorterThanTwelveCharactersStopsTheStart() {
        assertThatThrownBy(() -> FirstAdminCheck.validate("quantri", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("VANTHU_ADMIN_PASSWORD");
        assertThatThrownBy(() -> FirstAdminCheck.validate("quantri", "12345678901"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("12");
    }

    @Test
    void anAdministratorWithATwelveCharacterPasswordStarts() {
        assertThatCode(() -> FirstAdminCheck.validate("quantri", "123456789012"))
                .doesNotThrowAnyException();
        assertThatCode(() -> new FirstAdminCheck("quantri", "mật khẩu đủ dài")).doesNotThrowAnyException();
    }
}
