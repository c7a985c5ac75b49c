package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** Folding Vietnamese for search, without Spring. */
class SearchTextTest {

    @Test
    void diacriticsCaseAndSpacesAreFoldedAway() {
        assertThat(SearchText.fold("Ban Thường vụ")).isEqualTo("ban thuong vu");
        assertThat(SearchText.fold("ĐẢNG ỦY KHỐI\n  các cơ quan")).isEqualTo("dang uy khoi cac co quan");
        assertThat(SearchText.fold("117-GM/ĐUK")).isEqualTo("117-gm/duk");
        // text pasted in decomposed form (NFD, as some editors write it) folds the same
        assertThat(SearchText.fold(Normalizer.normalize("Thường vụ", Normalizer.Form.NFD)))
                .isEqualTo("thuong vu");
        assertThat(SearchText.fold(null)).isEmpty();
    }

    @Test
    void aQueryIsItsDistinctFoldedWords() {
        assertThat(SearchText.words("  Thường VỤ thuong ")).containsExactly("thuong", "vu");
        assertThat(SearchText.words(" ")).isEmpty();
        assertThat(SearchText.of("01-KL/ĐUK", "Kết luận", "Nội dung")).isEqualTo("01-kl/duk ket luan noi dung");
    }
}
