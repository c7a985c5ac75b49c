package vn.vanthu.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.stereotype.Component;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.rendering.VietnameseDates;

/** What the pages show for codes and times, in Vietnamese. Templates call it as {@code @labels}. */
@Component("labels")
public class WebLabels {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("CREATED", "Tạo dự thảo"), Map.entry("EDITED", "Sửa dự thảo"),
            Map.entry("SUBMITTED", "Trình thẩm định"), Map.entry("APPROVED", "Thẩm định: đồng ý trình ký"),
            Map.entry("RETURNED", "Trả lại để chỉnh sửa"), Map.entry("SIGNED", "Ký ban hành"),
            Map.entry("REJECTED", "Không ký"), Map.entry("RESUBMITTED", "Trình lại sau chỉnh sửa"),
            Map.entry("WITHDRAWN", "Rút dự thảo"), Map.entry("ISSUED", "Cấp số, phát hành"),
            Map.entry("RECALLED", "Thu hồi"));

    private final Directory directory;

    WebLabels(Directory directory) {
        this.directory = directory;
    }

    public String status(DocumentStatus status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case DRAFT -> "Dự thảo (chưa trình)";
            case IN_REVIEW -> "Chờ thẩm định";
            case AWAITING_SIGNATURE -> "Chờ ký";
            case RETURNED -> "Bị trả lại, chờ chỉnh sửa";
            case ISSUED -> "Đã ban hành";
            case REJECTED -> "Không được ký";
            case WITHDRAWN -> "Đã rút";
            case RECALLED -> "Đã thu hồi";
        };
    }

    public String step(String taskKey) {
        return switch (taskKey == null ? "" : taskKey) {
            case "review" -> "Thẩm định";
            case "sign" -> "Ký duyệt";
            case "revise" -> "Chỉnh sửa, trình lại";
            default -> taskKey;
        };
    }

    public String type(String type) {
        return "GM".equals(type) ? "Giấy mời" : "KL".equals(type) ? "Kết luận" : type;
    }

    public String action(String action) {
        return ACTIONS.getOrDefault(action, action);
    }

    public String delivery(String state) {
        return switch (state == null ? "" : state) {
            case "PENDING" -> "Đang gửi";
            case "SENT" -> "Đã gửi";
            case "FAILED" -> "Gửi lỗi";
            default -> "—";
        };
    }

    public String response(String response) {
        return switch (response == null ? "" : response.toUpperCase()) {
            case "ATTEND", "ACCEPTED", "YES" -> "Sẽ dự";
            case "DECLINE", "DECLINED", "NO" -> "Báo vắng";
            case "" -> "—";
            default -> response;
        };
    }

    public String group(String group) {
        return switch (group == null ? "" : group) {
            case "reviewers" -> "Lãnh đạo Văn phòng (thẩm định)";
            case "signers" -> "Lãnh đạo ký";
            case "drafters" -> "Chuyên viên";
            case "clerks" -> "Văn thư";
            default -> group;
        };
    }

    public String person(String userId) {
        return "system".equals(userId) ? "Hệ thống" : directory.fullName(userId);
    }

    /** "05/02/2026", as the public board of the seed page writes issue dates. */
    public String day(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(OrganisationProperties.VIETNAM).format(DAY);
    }

    public String dayTime(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(OrganisationProperties.VIETNAM).format(DAY_TIME);
    }

    /** "ngày 05 tháng 02 năm 2026" (DESIGN §2). */
    public String longDate(OffsetDateTime t) {
        return t == null ? "" : VietnameseDates.date(t.atZoneSameInstant(OrganisationProperties.VIETNAM).toLocalDate());
    }

    /** "08 giờ 00 đến 11 giờ 00, thứ Năm, ngày 10 tháng 12 năm 2026". */
    public String meeting(OffsetDateTime start, OffsetDateTime end) {
        if (start == null) {
            return "";
        }
        return VietnameseDates.meetingTime(start.atZoneSameInstant(OrganisationProperties.VIETNAM),
                end == null ? null : end.atZoneSameInstant(OrganisationProperties.VIETNAM));
    }

    /** How long something has waited: "5 phút", "3 giờ", "2 ngày". */
    public String waiting(OffsetDateTime since) {
        if (since == null) {
            return "";
        }
        Duration d = Duration.between(since.toInstant(), java.time.Instant.now());
        if (d.toMinutes() < 1) {
            return "vừa xong";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " phút";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " giờ";
        }
        return d.toDays() + " ngày";
    }
}
