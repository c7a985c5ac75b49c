package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.IntegrationTest;

/**
 * The drafting form's address book (issue "The office's screens, round two", item 6): a ticked
 * recipient group comes back ticked as a group, not as its members ticked singly; the book has
 * a search box the script turns on, and each row carries name, unit and position to search.
 */
class DraftRecipientGroupsTest extends IntegrationTest {

    @Test
    void aTickedGroupIsTickedAgainOnTheEditPage() {
        FormSession drafter = new FormSession(port);
        drafter.signIn("chuyenvien");
        String page = drafter.get("/van-ban/moi?loai=GM").body();
        Matcher group = Pattern.compile("name=\"groups\" value=\"(\\d+)\"[^>]*>\\s*<span>Ban Thường vụ</span>")
                .matcher(page);
        assertThat(group.find()).as("the demo group Ban Thường vụ on the form").isTrue();
        LocalDateTime start = LocalDateTime.now().plusDays(21).withHour(9).withMinute(0);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "GM");
        form.put("title", "Giấy mời giữ nhóm nơi nhận");
        form.put("meetingStart", start.toString().substring(0, 16));
        form.put("meetingEnd", start.plusHours(2).toString().substring(0, 16));
        form.put("location", "Phòng họp số 2");
        form.put("body", "Nội dung cuộc họp");
        form.put("groups", group.group(1));
        form.put("signer", "bithu");
        form.put("_publish", "on");
        form.put("_internal", "on");
        form.put("action", "save");
        HttpResponse<String> saved = drafter.submit("/van-ban/moi?loai=GM", "/van-ban/moi", form);
        Matcher id = Pattern.compile("/van-ban/(\\d+)/sua").matcher(saved.uri().getPath());
        assertThat(id.find()).as("saved: %s", saved.uri()).isTrue();

        String edit = drafter.get("/van-ban/" + id.group(1) + "/sua").body();
        assertThat(edit)
                .as("the group is ticked again")
                .containsPattern("name=\"groups\" value=\"" + group.group(1) + "\" checked");
        assertThat(edit)
                .as("its members are not ticked one by one")
                .doesNotContainPattern("name=\"entries\" value=\"\\d+\" checked");

        // saved again untouched, the group stays a group (and still one line in Nơi nhận)
        form.put("title", "Giấy mời giữ nhóm nơi nhận (sửa)");
        HttpResponse<String> again =
                drafter.submit("/van-ban/" + id.group(1) + "/sua", "/van-ban/" + id.group(1) + "/sua", form);
        assertThat(again.body()).containsPattern("name=\"groups\" value=\"" + group.group(1) + "\" checked");
        assertThat(again.body()).contains("Ban Thường vụ</textarea>");
    }

    @Test
    void theAddressBookIsSearchableAndWorksWithoutScript() {
        FormSession drafter = new FormSession(port);
        drafter.signIn("chuyenvien");
        String page = drafter.get("/van-ban/moi?loai=GM").body();
        // the box is hidden until vanthu.js shows it; the rows are all there without it
        assertThat(page).containsPattern("id=\"book-search\" hidden");
        assertThat(page).contains("id=\"book-filter\"", "id=\"book-list\"");
        assertThat(page).containsPattern("class=\"check book-entry\"\\s+data-search=\"[^\"]+\"");
        assertThat(page).doesNotContainPattern("<label[^>]+book-entry[^>]+hidden");
        String script = drafter.get("/js/vanthu.js").body();
        assertThat(script).contains("book-filter", "normalize('NFD')", "[đĐ]");
    }
}
