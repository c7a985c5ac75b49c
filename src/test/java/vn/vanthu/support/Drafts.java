package vn.vanthu.support;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Request bodies for POST /api/documents, with recipient addresses unique to each test. */
public final class Drafts {

    private Drafts() {}

    /** A unique mailbox domain, so that a test reads only its own emails from the shared server. */
    public static String uniqueDomain() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".example.vn";
    }

    public static List<Map<String, String>> recipients(String domain, int count) {
        List<Map<String, String>> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            list.add(Map.of("name", "Đồng chí Nguyễn Văn Số " + i, "email", "nguoi" + i + "@" + domain));
        }
        return list;
    }

    public static Map<String, Object> invitation(String title, String domain, int recipients) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(7))
                .plusDays(14)
                .truncatedTo(ChronoUnit.HOURS)
                .withHour(8);
        // on a working day, so a draft carries no "meeting on a day off" warning whatever day the tests run
        while (new vn.vanthu.document.CalendarProperties(null).dayOff(start.toLocalDate()) != null) {
            start = start.plusDays(1);
        }
        Map<String, Object> meeting = new LinkedHashMap<>();
        meeting.put("start", start.toString());
        meeting.put("end", start.plusHours(3).toString());
        meeting.put("location", "Hội trường Đảng ủy Khối, tầng 3");
        meeting.put("chair", "Đồng chí Bí thư Đảng ủy Khối");
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("type", "GM");
        draft.put("title", title);
        draft.put(
                "body",
                "Đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm.\nTriển khai nhiệm vụ trọng tâm 6 tháng cuối năm.");
        draft.put("recipients", recipients(domain, recipients));
        draft.put("signer", "bithu");
        draft.put("meeting", meeting);
        return draft;
    }

    /** A Thông báo (TB): no meeting, numbered per year. */
    public static Map<String, Object> notice(String title, String domain, int recipients) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("type", "TB");
        draft.put("title", title);
        draft.put("body", """
                Ban Thường vụ Đảng ủy Khối thông báo như sau:
                # 1. Lịch làm việc
                Từ ngày 01 tháng 01, Văn phòng Đảng ủy Khối làm việc buổi sáng từ 7 giờ 30 phút.
                # 2. Tổ chức thực hiện
                Các chi bộ, đảng bộ cơ sở phổ biến thông báo này đến đảng viên.""");
        draft.put("recipients", recipients(domain, recipients));
        draft.put("signer", "bithu");
        return draft;
    }

    public static Map<String, Object> conclusion(String title, String domain, int recipients) {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("type", "KL");
        draft.put("title", title);
        draft.put("body", """
                Ban Thường vụ Đảng ủy Khối kết luận như sau:
                1. Tiếp tục tăng cường sự lãnh đạo, chỉ đạo của cấp ủy các cấp.
                2. Đổi mới, nâng cao chất lượng công tác giáo dục tư tưởng chính trị.""");
        draft.put("recipients", recipients(domain, recipients));
        draft.put("signer", "phobithu");
        return draft;
    }
}
