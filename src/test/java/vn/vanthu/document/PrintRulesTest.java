package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 13's rules that need no Spring: Nơi nhận, urgency suggestion, authority lines, publication defaults. */
class PrintRulesTest {

    @Test
    void theDraftersLinesArePrintedCleanedAndTheOfficeCopyIsNeverAmongThem() {
        assertThat(PrintRules.printedRecipients(
                        List.of(
                                "- Thường trực Tỉnh ủy (để báo cáo),",
                                "Như thành phần mời;",
                                "",
                                "- Lưu Văn phòng.",
                                "Như thành phần mời"),
                        List.of("Đồng chí A")))
                .containsExactly("Thường trực Tỉnh ủy (để báo cáo)", "Như thành phần mời");
    }

    @Test
    void withoutTheDraftersLinesEachRecipientIsOneLine() {
        assertThat(PrintRules.printedRecipients(null, List.of("Đồng chí A", "Ban Tổ chức")))
                .containsExactly("Đồng chí A", "Ban Tổ chức");
        assertThat(PrintRules.printedRecipients(List.of(" ", "-"), List.of("Đồng chí A")))
                .containsExactly("Đồng chí A");
    }

    @Test
    void aChosenGroupIsOneLineAndOnlyTheOthersAreListed() {
        List<Recipient> recipients = List.of(
                new Recipient("Bí thư chi bộ 1", "cb1@x.vn"),
                new Recipient("Bí thư chi bộ 2", "CB2@x.vn"),
                new Recipient("Ban Tổ chức", "btc@x.vn"));
        assertThat(PrintRules.groupedLines(
                        List.of(new PrintRules.Group("Các chi, đảng bộ trực thuộc", Set.of("cb1@x.vn", "cb2@x.vn"))),
                        recipients))
                .containsExactly("Các chi, đảng bộ trực thuộc", "Ban Tổ chức");
    }

    @Test
    void aLateInvitationSuggestsKhanOnlyWhenTheDrafterChoseNothing() {
        assertThat(PrintRules.suggestedUrgency(true, null)).contains(Urgency.KHAN);
        assertThat(PrintRules.suggestedUrgency(true, Urgency.HOA_TOC)).isEmpty();
        assertThat(PrintRules.suggestedUrgency(false, null)).isEmpty();
    }

    @Test
    void urgencyCodesAndLabels() {
        assertThat(Urgency.parse("thuong_khan")).contains(Urgency.THUONG_KHAN);
        assertThat(Urgency.parse("RAT_KHAN")).isEmpty();
        assertThat(Urgency.parse(" ")).isEmpty();
        assertThat(Urgency.HOA_TOC.label()).isEqualTo("HỎA TỐC");
        assertThat(Circulation.NOI_BO.label()).isEqualTo("Lưu hành nội bộ");
    }

    @Test
    void authorityLinesComeFromTheSignerAndTypeElseTheGeneralOnes() {
        DocumentRules rules = new DocumentRules(
                List.of(),
                Map.of(),
                List.of("T/M BAN THƯỜNG VỤ", "{position}"),
                Map.of(
                        "chanhvp",
                        Map.of("GM", List.of("T/L BAN THƯỜNG VỤ", "{position}")),
                        "phobithu",
                        Map.of("ALL", List.of("K/T BÍ THƯ", "{position}"))));
        assertThat(rules.authorityLines("bithu", "KL", "Bí thư")).contains(List.of("T/M BAN THƯỜNG VỤ", "BÍ THƯ"));
        assertThat(rules.authorityLines("chanhvp", "GM", "Chánh Văn phòng"))
                .contains(List.of("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"));
        assertThat(rules.authorityLines("chanhvp", "KL", "Chánh Văn phòng"))
                .as("not given KL")
                .isEmpty();
        assertThat(rules.authorityLines("phobithu", "KL", "Phó Bí thư")).contains(List.of("K/T BÍ THƯ", "PHÓ BÍ THƯ"));
    }

    @Test
    void publicationAndTitleLinePerType() {
        DocumentRules rules = new DocumentRules(
                List.of("ĐẢNG ỦY KHỐI", "CÁC CƠ QUAN TỈNH"),
                Map.of("KL", new DocumentRules.TypeRules(false, "CỦA BAN THƯỜNG VỤ", null)),
                null,
                null);
        assertThat(rules.publishByDefault("KL")).isFalse();
        assertThat(rules.publishByDefault("GM")).as("unconfigured: published").isTrue();
        assertThat(rules.titleLine("KL")).isEqualTo("CỦA BAN THƯỜNG VỤ");
        assertThat(rules.titleLine("GM")).isNull();
        assertThat(rules.issuingBody("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH")).isEqualTo("ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH");
        assertThat(new DocumentRules(null, null, null, null).issuingBody("X")).isEqualTo("X");
    }
}
