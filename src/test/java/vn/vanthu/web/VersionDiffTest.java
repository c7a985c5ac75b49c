package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.vanthu.document.Circulation;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.Recipient;
import vn.vanthu.document.Urgency;

/** The version diff names the print marks that changed (issue 13); no Spring. */
class VersionDiffTest {

    @Test
    void urgencyCirculationPublicationAndPrintedNoiNhanAreCompared() {
        List<Recipient> to = List.of(new Recipient("Ban Tổ chức", "btc@x.vn"));
        DraftContent before = new DraftContent("T", "B", to, "bithu", null, null, true, null, null);
        DraftContent after = new DraftContent(
                "T", "B", to, "bithu", null, Urgency.KHAN, false, Circulation.NOI_BO, List.of("Như thành phần mời"));
        List<VersionDiff.Change> changes = VersionDiff.changes(before, after, id -> id);
        assertThat(changes)
                .extracting(VersionDiff.Change::field)
                .containsExactly("Độ khẩn", "Lưu hành", "Công bố", "Nơi nhận in trên văn bản");
        assertThat(changes.get(0).after()).isEqualTo("KHẨN");
        assertThat(changes.get(3).before()).isEqualTo("Ban Tổ chức");
        assertThat(changes.get(3).after()).isEqualTo("Như thành phần mời");
        assertThat(VersionDiff.changes(before, before, id -> id)).isEmpty();
    }
}
