package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The free-text rule on its own, without Spring. */
class FreeTextTest {

    @Test
    void tabLineFeedAndVietnameseAreFine() {
        assertThat(FreeText.problem("Hội nghị\tBan Chấp hành\nĐảng ủy Khối; 3, \"x\" \\"))
                .isNull();
        assertThat(FreeText.problem(null)).isNull();
    }

    @Test
    void crLfBecomesLfButABareCrIsRefused() {
        assertThat(FreeText.normalise("a\r\nb")).isEqualTo("a\nb");
        assertThat(FreeText.problem(FreeText.normalise("a\r\nb"))).isNull();
        assertThat(FreeText.problem(FreeText.normalise("a\rDTSTART:2030"))).contains("CR");
    }

    @Test
    void everyOtherC0ControlDelAndTheBidiOverridesAreRefused() {
        for (char c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n') {
                assertThat(FreeText.problem("x" + c)).as("U+%04X", (int) c).isNotNull();
            }
        }
        assertThat(FreeText.problem("x\u007f")).isNotNull();
        for (char c :
                new char[] {'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'}) {
            assertThat(FreeText.problem("x" + c)).as("U+%04X", (int) c).contains("đảo chiều");
        }
        assertThat(FreeText.problem("Nội dung\u0007")).contains("U+0007", "vị trí 9");
        // neighbours of the ranges stay allowed (e.g. the zero-width joiner Vietnamese input may leave)
        assertThat(FreeText.problem("x\u2029\u200D\u206A")).isNull();
    }
}
