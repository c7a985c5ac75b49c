package vn.vanthu.rendering;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Realistic documents for the rendering tests. */
final class Samples {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String DATE_LINE = VietnameseDates.dateLine("Quy Nhơn", LocalDate.of(2026, 2, 5));
    static final String PLACE = "Hội trường tầng 3, trụ sở Đảng ủy Khối các cơ quan và doanh nghiệp tỉnh";
    static final List<String> RECIPIENTS =
            List.of("Các đồng chí Ủy viên Ban Thường vụ", "Văn phòng Tỉnh ủy", "Các chi, đảng bộ trực thuộc");

    private Samples() {}

    static DocumentSheet invitation() {
        DocumentSheet.Meeting meeting = new DocumentSheet.Meeting(
                ZonedDateTime.of(2026, 11, 26, 8, 0, 0, 0, VIETNAM),
                ZonedDateTime.of(2026, 11, 26, 11, 30, 0, 0, VIETNAM),
                PLACE,
                "Đồng chí Nguyễn Văn An, Bí thư Đảng ủy Khối",
                "Các đồng chí Ủy viên Ban Chấp hành Đảng bộ Khối; bí thư các chi, đảng bộ trực thuộc",
                "Các chi, đảng bộ trực thuộc chuẩn bị ý kiến tham gia vào dự thảo báo cáo (gửi kèm).",
                "Đồng chí Trần Thị Bích, Chánh Văn phòng, điện thoại 0256 3822 117");
        return new DocumentSheet(
                "ĐẢNG BỘ TỈNH BÌNH ĐỊNH",
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
                "117-GM/ĐUK",
                "GM/ĐUK",
                DATE_LINE,
                "GIẤY MỜI",
                "Dự hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2026",
                List.of("Sơ kết công tác xây dựng Đảng 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm "
                        + "6 tháng cuối năm 2026; quán triệt các văn bản mới của Trung ương và Tỉnh ủy."),
                meeting,
                RECIPIENTS,
                "T/M BAN THƯỜNG VỤ",
                "BÍ THƯ",
                "Nguyễn Văn An");
    }

    static DocumentSheet conclusion(List<String> body) {
        return new DocumentSheet(
                "TỈNH ỦY BÌNH ĐỊNH",
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
                "25-KL/ĐUK",
                "KL/ĐUK",
                DATE_LINE,
                "KẾT LUẬN",
                "của Ban Thường vụ Đảng ủy Khối về công tác kiểm tra, giám sát năm 2025 "
                        + "& nhiệm vụ năm 2026 (<dự thảo> \"lần 2\")",
                body,
                null,
                RECIPIENTS,
                "T/M BAN THƯỜNG VỤ",
                "PHÓ BÍ THƯ",
                "Lê Thị Hồng Nhung");
    }

    static List<String> conclusionBody() {
        return List.of(
                "Ngày 03/02/2026, Ban Thường vụ Đảng ủy Khối họp, nghe Ủy ban Kiểm tra báo cáo kết quả "
                        + "công tác kiểm tra, giám sát năm 2025. Sau khi thảo luận, Ban Thường vụ kết luận như sau:",
                "1. Tiếp tục tăng cường sự lãnh đạo, chỉ đạo của cấp ủy đối với công tác kiểm tra, giám sát",
                "Các cấp ủy, tổ chức đảng quán triệt sâu sắc quan điểm kiểm tra, giám sát là chức năng lãnh đạo "
                        + "của Đảng; nâng cao chất lượng xây dựng và thực hiện chương trình kiểm tra, giám sát.",
                "2. Nâng cao chất lượng hoạt động của ủy ban kiểm tra các cấp",
                "Ủy ban Kiểm tra Đảng ủy Khối chủ động tham mưu, hướng dẫn các chi, đảng bộ cơ sở thực hiện "
                        + "nhiệm vụ theo Điều 30, Điều 32 Điều lệ Đảng; chú trọng giám sát thường xuyên.",
                "3. Tổ chức thực hiện",
                "Giao Văn phòng Đảng ủy Khối theo dõi, đôn đốc việc thực hiện Kết luận này, định kỳ báo cáo "
                        + "Ban Thường vụ./.");
    }

    static List<String> longBody(int paragraphs) {
        List<String> body = new ArrayList<>();
        for (int i = 1; i <= paragraphs; i++) {
            body.add(
                    i % 10 == 1
                            ? (i / 10 + 1) + ". Phần thứ " + (i / 10 + 1) + " của kết luận"
                            : "Đoạn " + i
                                    + ": các cấp ủy, tổ chức đảng tiếp tục đổi mới nội dung, phương thức lãnh đạo; "
                                    + "nâng cao năng lực, sức chiến đấu của tổ chức cơ sở đảng và chất lượng đội ngũ đảng viên.");
        }
        return body;
    }

    /** The sheet as the leader signs it: number and date blank. */
    static DocumentSheet unnumbered(DocumentSheet s) {
        return new DocumentSheet(
                s.superiorBody(),
                s.issuingBody(),
                null,
                s.symbol(),
                s.dateLine(),
                s.typeName(),
                s.summary(),
                s.body(),
                s.meeting(),
                s.recipients(),
                s.collectiveSigner(),
                s.signerPosition(),
                s.signerName());
    }
}
