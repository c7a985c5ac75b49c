package vn.vanthu.support;

import java.time.ZonedDateTime;
import java.util.List;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.rendering.DocumentSheet;

/** A Giấy mời as the renderer takes it, for the signing tests and benchmarks. */
public final class SampleSheets {

    private SampleSheets() {}

    public static DocumentSheet invitation() {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 10, 8, 0, 0, 0, OrganisationProperties.VIETNAM);
        return new DocumentSheet(
                "TỈNH ỦY BÌNH ĐỊNH",
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
                null,
                "GM/ĐUK",
                "Quy Nhơn, ngày 28 tháng 11 năm 2026",
                "GIẤY MỜI",
                "Hội nghị sơ kết công tác xây dựng Đảng",
                List.of("Sơ kết công tác xây dựng Đảng 6 tháng đầu năm."),
                new DocumentSheet.Meeting(
                        start, start.plusHours(3), "Hội trường tầng 3", "Đồng chí Bí thư", null, null, null),
                List.of("Các đồng chí Ủy viên Ban Thường vụ", "Văn phòng Tỉnh ủy"),
                "T/M BAN THƯỜNG VỤ",
                "BÍ THƯ",
                "Nguyễn Văn An");
    }
}
