package vn.vanthu.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.issuing.RemoteLeaderSignature;
import vn.vanthu.rendering.VietnameseDates;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** What the pages show for codes and times, in Vietnamese. Templates call it as {@code @labels}. */
@Component("labels")
class WebLabels {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /** History events other than the tasks' decisions (those are Decision's labels). */
    static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("CREATED", "Tạo dự thảo"),
            Map.entry("EDITED", "Sửa dự thảo"),
            Map.entry("SUBMITTED", "Trình thẩm định"),
            Map.entry("ISSUED", "Cấp số, phát hành"),
            Map.entry("RECALLED", "Thu hồi"),
            Map.entry("RECEIVED", "Nơi nhận xác nhận đã nhận"),
            Map.entry(RemoteLeaderSignature.REQUESTED, "Gửi yêu cầu ký tới thiết bị"),
            Map.entry(RemoteLeaderSignature.ENDED, "Yêu cầu ký trên thiết bị kết thúc, chưa ký"),
            Map.entry(DocumentIssuer.ISSUE_REFUSED, "Không đủ điều kiện ban hành"),
            Map.entry(DocumentIssuer.ISSUE_FAILED, "Lỗi khi ban hành"),
            Map.entry("DELIVERED_ON_PAPER", "Văn thư gửi bản giấy"),
            Map.entry("TASK_OVERDUE", "Quá hạn xử lý, đã báo lãnh đạo Văn phòng"),
            Map.entry(DocumentService.SIGNING_DELEGATED, "Lãnh đạo vắng mặt, giao ký thay"));

    /** Meeting papers, attendance reminders and calendar answers (issue 14). */
    static final Map<String, String> MEETING_ACTIONS = Map.of(
            "PAPER_ADDED",
            "Thêm tài liệu họp",
            "PAPER_REMOVED",
            "Gỡ tài liệu họp",
            "REMINDED_UNANSWERED",
            "Nhắc người chưa trả lời",
            "CALENDAR_TENTATIVE",
            "Trả lời từ lịch: chưa chắc chắn");

    /** DeliveryService records an invitee's answer as ANSWERED_ + Delivery.Response's name. */
    static final String ANSWERED = "ANSWERED_";

    private final Directory directory;
    private final OrganisationProperties settings;

    WebLabels(Directory directory, OrganisationProperties settings) {
        this.directory = directory;
        this.settings = settings;
    }

    public String status(DocumentStatus status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case DRAFT -> "Dự thảo (chưa trình)";
            case IN_REVIEW -> "Chờ thẩm định";
            case AWAITING_SIGNATURE -> "Chờ ký";
            case AWAITING_REMOTE_SIGNATURE -> "Chờ xác nhận ký trên thiết bị";
            case RETURNED -> "Bị trả lại, chờ chỉnh sửa";
            case ISSUE_FAILED -> "Lỗi khi ban hành, chờ văn thư xử lý";
            case ISSUED -> "Đã ban hành";
            case REJECTED -> "Không được ký";
            case WITHDRAWN -> "Đã rút";
            case RECALLED -> "Đã thu hồi";
        };
    }

    /** A task's kind (its wire value) as people name the step. */
    public String step(String kind) {
        return Kind.byWire(kind)
                .map(task -> switch (task) {
                    case REVIEW -> "Thẩm định";
                    case CONSULT -> "Góp ý kiến";
                    case MEETING -> "Kết quả hội nghị";
                    case SIGN -> "Ký duyệt";
                    case REVISE -> "Chỉnh sửa, trình lại";
                    case RESOLVE_ISSUE_FAILURE -> "Xử lý lỗi ban hành";
                })
                .orElse(kind);
    }

    /** A decision by its wire value ("approve"): the act as the history names it. */
    public String decision(String wire) {
        return Decision.byWire(wire).map(Decision::label).orElse(wire);
    }

    /** A type's label as configured ("Giấy mời"); an unknown code as it is. */
    public String type(String type) {
        return settings.label(type);
    }

    /** Every configured type, code to label, in the configured order (the menu's "Dự thảo mới" links). */
    public Map<String, String> types() {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        settings.typeCodes().forEach(code -> types.put(code, settings.label(code)));
        return types;
    }

    public String action(String action) {
        if (action == null) {
            return "";
        }
        if (action.startsWith(ANSWERED)) {
            return "Trả lời giấy mời: " + response(action.substring(ANSWERED.length()));
        }
        return Decision.byEvent(action)
                .map(Decision::label)
                .orElseGet(() -> ACTIONS.getOrDefault(action, MEETING_ACTIONS.getOrDefault(action, action)));
    }

    public String delivery(String state) {
        if (state == null || state.isEmpty()) {
            return "—";
        }
        return Arrays.stream(Delivery.State.values())
                .filter(s -> s.name().equals(state))
                .findFirst()
                .map(s -> switch (s) {
                    case PENDING -> "Đang gửi";
                    case SENT -> "Đã gửi";
                    case FAILED -> "Gửi lỗi";
                    case CANCELLED -> "Không gửi (văn bản đã thu hồi)";
                })
                .orElse(state);
    }

    public String response(String response) {
        if (response == null || response.isEmpty()) {
            return "—";
        }
        return Arrays.stream(Delivery.Response.values())
                .filter(r -> r.name().equalsIgnoreCase(response))
                .findFirst()
                .map(r -> switch (r) {
                    case ATTENDING -> "Sẽ dự";
                    case DECLINED -> "Báo vắng";
                    case DELEGATED -> "Cử người dự thay";
                })
                .orElse(response);
    }

    public String group(String group) {
        return switch (group == null ? "" : group) {
            case Groups.REVIEWERS -> "Lãnh đạo Văn phòng (thẩm định)";
            case Groups.DEPUTY_REVIEWERS -> "Phó Chánh Văn phòng (thẩm định vòng đầu)";
            case Groups.BOARDS -> "Các ban tham mưu (góp ý)";
            case Groups.SIGNERS -> "Lãnh đạo ký";
            case Groups.DRAFTERS -> "Chuyên viên";
            case Groups.CLERKS -> "Văn thư";
            case Groups.ADMINS -> "Quản trị hệ thống";
            default -> group;
        };
    }

    /** The actor a recipient's receipt or answer is recorded under (DeliveryService). */
    static final String RECIPIENT = "recipient:";

    public String person(String userId) {
        if (userId != null && userId.startsWith(RECIPIENT)) {
            // a recipient acting over their personal link or calendar: no account, only their address
            return "Nơi nhận " + userId.substring(RECIPIENT.length());
        }
        if ("system".equals(userId)) {
            return "Hệ thống";
        }
        // once per person and request: a register page names the same few signers thousands of times,
        // and each lookup is a query to the user store (docs/benchmarks.md, "Scale")
        org.springframework.web.context.request.RequestAttributes request =
                org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
        if (request == null || userId == null) {
            return directory.fullName(userId);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> names = (Map<String, String>) request.getAttribute(
                PERSON_NAMES, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        if (names == null) {
            names = new java.util.HashMap<>();
            request.setAttribute(
                    PERSON_NAMES, names, org.springframework.web.context.request.RequestAttributes.SCOPE_REQUEST);
        }
        return names.computeIfAbsent(userId, directory::fullName);
    }

    private static final String PERSON_NAMES = WebLabels.class.getName() + ".personNames";

    /** "05/02/2026", as the public board of the seed page writes issue dates. */
    public String day(OffsetDateTime t) {
        return t == null
                ? ""
                : t.atZoneSameInstant(OrganisationProperties.VIETNAM).format(DAY);
    }

    public String dayTime(OffsetDateTime t) {
        return t == null
                ? ""
                : t.atZoneSameInstant(OrganisationProperties.VIETNAM).format(DAY_TIME);
    }

    /** "05/02/2026 14:30", Vietnam time, 24-hour. */
    public String dayTime(java.time.Instant t) {
        return t == null ? "" : t.atZone(OrganisationProperties.VIETNAM).format(DAY_TIME);
    }

    /** "ngày 05 tháng 02 năm 2026" (DESIGN §2). */
    public String longDate(OffsetDateTime t) {
        return t == null
                ? ""
                : VietnameseDates.date(
                        t.atZoneSameInstant(OrganisationProperties.VIETNAM).toLocalDate());
    }

    /** "08 giờ 00 đến 11 giờ 00, thứ Năm, ngày 10 tháng 12 năm 2026". */
    public String meeting(OffsetDateTime start, OffsetDateTime end) {
        if (start == null) {
            return "";
        }
        return VietnameseDates.meetingTime(
                start.atZoneSameInstant(OrganisationProperties.VIETNAM),
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
