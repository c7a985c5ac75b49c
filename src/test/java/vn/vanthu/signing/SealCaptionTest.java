package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.document.DocumentRules;

/** The organisation's name under the seal breaks between word groups, as the header does. */
class SealCaptionTest {

    private static final float MM = 72f / 25.4f;

    @Test
    void theCaptionBreaksWhereTheIssuingBodyBreaks() {
        DocumentRules rules = new DocumentRules(List.of("ĐẢNG ỦY KHỐI", "CÁC CƠ QUAN TỈNH"), Map.of(), null, Map.of());
        String caption = rules.breakLikeIssuingBody("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH");
        assertThat(SignatureImages.wrap(caption, 40 * MM, 10)).isEqualTo("ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH");
        // another name than the configured lines spell is not replaced by them
        assertThat(rules.breakLikeIssuingBody("VĂN PHÒNG TỈNH ỦY")).isEqualTo("VĂN PHÒNG TỈNH ỦY");
    }

    @Test
    void aGroupTooLongForTheWidthStillWraps() {
        assertThat(SignatureImages.wrap("ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH BÌNH ĐỊNH", 40 * MM, 10)
                        .split("\n"))
                .hasSizeGreaterThan(1);
    }
}
