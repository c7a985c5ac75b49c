package vn.vanthu.document;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.system.InvalidInputException;

/** Checks a draft field by field and says, in Vietnamese, what is wrong with each. */
@Component
class DraftValidator {

    static final int MAX_TITLE = 500;
    static final int MAX_BODY = 100_000;
    private static final int MAX_GROUPS = 50;
    static final int MAX_RECIPIENTS = 5_000;
    static final int MAX_CONSULTEES = 50;
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final OrganisationProperties settings;
    private final DocumentRules rules;
    private final Directory directory;
    private final Clock clock;

    DraftValidator(OrganisationProperties settings, DocumentRules rules, Directory directory, Clock clock) {
        this.settings = settings;
        this.rules = rules;
        this.directory = directory;
        this.clock = clock;
    }

    /** The validated content, or an {@link InvalidInputException} listing every bad field. */
    DraftContent validate(String type, DraftRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        String title = trim(request.title());
        if (text(title, "title", errors)) {
            // the field's message is already there
        } else if (title == null) {
            errors.put("title", "Cần nhập trích yếu (tiêu đề) của văn bản.");
        } else if (title.length() > MAX_TITLE) {
            errors.put("title", "Trích yếu dài quá " + MAX_TITLE + " ký tự.");
        }
        String body = trim(request.body());
        if (text(body, "body", errors)) {
            // the field's message is already there
        } else if (body == null) {
            errors.put("body", "Cần nhập nội dung văn bản.");
        } else if (body.length() > MAX_BODY) {
            errors.put("body", "Nội dung dài quá " + MAX_BODY + " ký tự.");
        }
        List<Recipient> recipients = recipients(request.recipients(), errors);
        String signer = trim(request.signer());
        if (signer == null) {
            errors.put("signer", "Cần chọn lãnh đạo ký văn bản.");
        } else {
            var leader = directory.signer(signer);
            if (leader.isEmpty()) {
                errors.put("signer", "'" + signer + "' không phải là lãnh đạo có thẩm quyền ký.");
            } else if (rules.authorityLines(signer, type, leader.get().position())
                    .isEmpty()) {
                errors.put(
                        "signer",
                        leader.get().fullName() + " không được giao ký loại văn bản "
                                + settings.type(type).name() + ".");
            }
        }
        DraftContent.Meeting meeting = null;
        if (settings.hasMeeting(type)) {
            meeting = meeting(type, request.meeting(), errors);
        } else if (request.meeting() != null) {
            errors.put("meeting", settings.label(type) + " không có thông tin cuộc họp.");
        }
        Urgency urgency = null;
        if (request.urgency() != null && !request.urgency().isBlank()) {
            urgency = Urgency.parse(request.urgency()).orElse(null);
            if (urgency == null) {
                errors.put("urgency", "Độ khẩn phải để trống hoặc là KHAN, THUONG_KHAN, HOA_TOC.");
            }
        }
        Circulation circulation = null;
        if (request.circulation() != null && !request.circulation().isBlank()) {
            circulation = Circulation.parse(request.circulation()).orElse(null);
            if (circulation == null) {
                errors.put("circulation", "Phạm vi lưu hành phải để trống hoặc là NOI_BO.");
            }
        }
        boolean publish;
        if (circulation == Circulation.NOI_BO) {
            if (Boolean.TRUE.equals(request.publish())) {
                errors.put("publish", "Văn bản lưu hành nội bộ không được công bố trên trang thông báo.");
            }
            publish = false;
        } else {
            publish = request.publish() == null ? rules.publishByDefault(type) : request.publish();
        }
        List<String> printed = printedRecipients(request.printedRecipients(), errors);
        List<String> consultees = consultees(request.consultees(), errors);
        List<Long> groups = request.recipientGroups() == null ? List.of() : request.recipientGroups();
        // only remembered for the form; bounded so that the column (V53) always holds them
        if (groups.size() > MAX_GROUPS || groups.stream().anyMatch(g -> g == null || g <= 0)) {
            errors.put("recipientGroups", "Nhóm nơi nhận không hợp lệ (nhiều nhất " + MAX_GROUPS + " nhóm).");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DraftContent(
                title, body, recipients, signer, meeting, urgency, publish, circulation, printed, consultees, groups);
    }

    /** Staff to consult: existing accounts of the office, each once; their opinions come back as tasks. */
    private List<String> consultees(List<String> input, Map<String, String> errors) {
        if (input == null) {
            return List.of();
        }
        if (input.size() > MAX_CONSULTEES) {
            errors.put("consultees", "Xin ý kiến nhiều nhất " + MAX_CONSULTEES + " người.");
            return List.of();
        }
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
        for (String raw : input) {
            String id = trim(raw);
            if (id == null) {
                continue;
            }
            if (directory.user(id).isEmpty()
                    || directory.groupsOf(id).stream().noneMatch(vn.vanthu.directory.Groups.STAFF::contains)) {
                errors.put("consultees", "'" + id + "' không phải là tài khoản cán bộ trong hệ thống.");
                return List.of();
            }
            ids.add(id);
        }
        return List.copyOf(ids);
    }

    void checkType(String type) {
        if (!settings.knowsType(type)) {
            throw InvalidInputException.of("type", "Loại văn bản phải là một trong: " + settings.typeList() + ".");
        }
    }

    private List<Recipient> recipients(List<DraftRequest.RecipientInput> input, Map<String, String> errors) {
        List<Recipient> recipients = new ArrayList<>();
        if (input == null || input.isEmpty()) {
            errors.put("recipients", "Cần ít nhất một nơi nhận.");
            return recipients;
        }
        if (input.size() > MAX_RECIPIENTS) {
            errors.put("recipients", "Nhiều nhất " + MAX_RECIPIENTS + " nơi nhận.");
            return recipients;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < input.size(); i++) {
            DraftRequest.RecipientInput r = input.get(i);
            String field = "recipients[" + i + "]";
            if (r == null) {
                errors.put(field, "Nơi nhận trống.");
                continue;
            }
            String name = trim(r.name());
            String email = trim(r.email());
            if (text(name, field + ".name", errors)) {
                // the field's message is already there
            } else if (name == null) {
                errors.put(field + ".name", "Cần nhập tên người hoặc đơn vị nhận.");
            } else if (name.length() > 300) {
                errors.put(field + ".name", "Tên nơi nhận dài quá 300 ký tự.");
            }
            if (email == null) {
                errors.put(field + ".email", "Cần nhập địa chỉ email.");
            } else if (!validEmail(email)) {
                errors.put(field + ".email", "'" + email + "' không phải là địa chỉ email hợp lệ.");
            } else {
                Integer earlier = seen.putIfAbsent(email.toLowerCase(Locale.ROOT), i);
                if (earlier != null) {
                    errors.put(field + ".email", "Địa chỉ " + email + " trùng với nơi nhận thứ " + (earlier + 1) + ".");
                }
            }
            recipients.add(new Recipient(name, email));
        }
        return recipients;
    }

    /** The drafter's Nơi nhận lines, cleaned; null when there are none (one line per recipient then). */
    private static List<String> printedRecipients(List<String> input, Map<String, String> errors) {
        if (input == null) {
            return null;
        }
        if (input.size() > PrintRules.MAX_PRINTED_LINES) {
            errors.put(
                    "printedRecipients",
                    "Nơi nhận in trên văn bản nhiều nhất " + PrintRules.MAX_PRINTED_LINES + " dòng.");
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            String line = trim(input.get(i));
            String field = "printedRecipients[" + i + "]";
            if (line == null || text(line, field, errors)) {
                continue;
            }
            if (line.contains("\n")) {
                errors.put(field, "Mỗi dòng nơi nhận là một mục riêng.");
            } else if (line.length() > PrintRules.MAX_LINE) {
                errors.put(field, "Dòng nơi nhận dài quá " + PrintRules.MAX_LINE + " ký tự.");
            } else {
                lines.add(line);
            }
        }
        List<String> printed = PrintRules.printedRecipients(lines, List.of());
        return printed.isEmpty() ? null : printed;
    }

    private DraftContent.Meeting meeting(String type, DraftRequest.MeetingInput input, Map<String, String> errors) {
        if (input == null) {
            errors.put(
                    "meeting",
                    settings.label(type) + " cần thông tin cuộc họp: thời gian bắt đầu, kết thúc và địa điểm.");
            return null;
        }
        Instant start = instant(input.start(), "meeting.start", "thời gian bắt đầu", errors);
        Instant end = instant(input.end(), "meeting.end", "thời gian kết thúc", errors);
        if (start != null && !start.isAfter(clock.instant())) {
            errors.put("meeting.start", "Cuộc họp phải diễn ra trong tương lai.");
        }
        if (start != null && end != null && !end.isAfter(start)) {
            errors.put("meeting.end", "Thời gian kết thúc phải sau thời gian bắt đầu.");
        }
        year(start, "meeting.start", errors);
        year(end, "meeting.end", errors);
        String location = trim(input.location());
        if (text(location, "meeting.location", errors)) {
            // the field's message is already there
        } else if (location == null) {
            errors.put("meeting.location", "Cần nhập địa điểm họp.");
        } else if (location.length() > 500) {
            errors.put("meeting.location", "Địa điểm dài quá 500 ký tự.");
        }
        String chair = trim(input.chair());
        String invitees = trim(input.invitees());
        String preparation = trim(input.preparation());
        String contact = trim(input.contact());
        limit(chair, 200, "meeting.chair", errors);
        limit(invitees, 1000, "meeting.invitees", errors);
        limit(preparation, 1000, "meeting.preparation", errors);
        limit(contact, 500, "meeting.contact", errors);
        Instant replyBy = trim(input.replyBy()) == null
                ? null
                : instant(input.replyBy(), "meeting.replyBy", "hạn xác nhận", errors);
        if (replyBy != null && start != null && replyBy.isAfter(start)) {
            errors.put("meeting.replyBy", "Hạn xác nhận phải trước giờ họp.");
        } else if (replyBy != null && !replyBy.isAfter(clock.instant())) {
            errors.put("meeting.replyBy", "Hạn xác nhận phải ở tương lai.");
        }
        year(replyBy, "meeting.replyBy", errors);
        return new DraftContent.Meeting(
                start,
                end,
                location,
                chair,
                invitees,
                preparation,
                contact,
                replyBy,
                input.allowSubstitute() == null || input.allowSubstitute());
    }

    /** A sane year: a typo such as 20266 would otherwise be accepted as a meeting far away. */
    private static void year(Instant moment, String field, Map<String, String> errors) {
        if (moment == null || errors.containsKey(field)) {
            return;
        }
        int year = moment.atZone(OrganisationProperties.VIETNAM).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.put(
                    field,
                    "Năm " + year + " không hợp lệ: năm của cuộc họp phải từ " + MIN_YEAR + " đến " + MAX_YEAR + ".");
        }
    }

    /** Puts the field's message when the text holds a refused character; true if it did. */
    private static boolean text(String value, String field, Map<String, String> errors) {
        String problem = FreeText.problem(value);
        if (problem != null) {
            errors.put(field, problem);
        }
        return problem != null;
    }

    private static Instant instant(String value, String field, String what, Map<String, String> errors) {
        if (trim(value) == null) {
            errors.put(field, "Cần nhập " + what + " cuộc họp.");
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(
                    field,
                    "'" + value + "' không phải thời điểm ISO-8601 có múi giờ, ví dụ 2026-12-03T08:00:00+07:00.");
            return null;
        }
    }

    private static void limit(String value, int max, String field, Map<String, String> errors) {
        if (text(value, field, errors)) {
            return;
        }
        if (value != null && value.length() > max) {
            errors.put(field, "Dài quá " + max + " ký tự.");
        }
    }

    static boolean validEmail(String email) {
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            return false;
        }
        try {
            new InternetAddress(email, true).validate();
            return true;
        } catch (AddressException e) {
            return false;
        }
    }

    private static String trim(String s) {
        if (s == null) {
            return null;
        }
        String t = FreeText.normalise(s).strip();
        return t.isEmpty() ? null : t;
    }
}
