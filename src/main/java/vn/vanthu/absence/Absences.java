package vn.vanthu.absence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.FreeText;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * Leaders' absences and who signs for them meanwhile: record (a leader for themselves, a clerk or an
 * administrator for a leader), cancel (the leader, or an administrator), list, and the deputy in force.
 */
@Service
public class Absences {

    /** What a form or the API sends; times in Vietnam time ("2026-12-07T08:00") or with an offset. */
    public record Request(String userId, String from, String to, String deputy, String reason) {}

    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String DEPUTY = "deputy";
    public static final String REASON = "reason";
    public static final String USER = "userId";
    public static final int MAX_REASON = 500;
    /** A → B → C: B is absent too; more hops than this and the chain stops at the last one found. */
    static final int MAX_HOPS = 4;

    private final JdbcTemplate jdbc;
    private final Directory directory;
    private final AccessPolicy access;
    private final Clock clock;
    private final AbsenceProperties settings;
    private final ApplicationEventPublisher events;

    Absences(
            JdbcTemplate jdbc,
            Directory directory,
            AccessPolicy access,
            Clock clock,
            AbsenceProperties settings,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.access = access;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Who signs for this leader at this instant: the deputy of the absence in force; when the deputy
     * is absent too, their deputy, and so on for a few hops, never back to anyone already passed.
     * Empty when the leader is not absent.
     */
    @Transactional(readOnly = true)
    public Optional<String> deputyFor(String userId, Instant at) {
        if (userId == null) {
            return Optional.empty();
        }
        Set<String> passed = new HashSet<>(List.of(userId));
        String current = userId;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            Optional<Absence> absence = inForce(current, at);
            if (absence.isEmpty() || !passed.add(absence.get().deputy())) {
                break; // present, or the chain would come back to someone absent: stop here
            }
            current = absence.get().deputy();
        }
        return current.equals(userId) ? Optional.empty() : Optional.of(current);
    }

    /** The leader's absence in force at this instant, if any. */
    @Transactional(readOnly = true)
    public Optional<Absence> inForce(String userId, Instant at) {
        Timestamp t = Timestamp.from(at);
        return jdbc
                .query(
                        "select * from absence where user_id = ? and cancelled_at is null and starts_at <= ? "
                                + "and ends_at > ? order by starts_at",
                        Absences::row,
                        userId,
                        t,
                        t)
                .stream()
                .findFirst();
    }

    /** The leader's absences, latest first, cancelled ones included. */
    @Transactional(readOnly = true)
    public List<Absence> of(String userId) {
        return jdbc.query(
                "select * from absence where user_id = ? order by starts_at desc, id desc", Absences::row, userId);
    }

    /** The caller's own absences (a leader who signs). */
    @Transactional(readOnly = true)
    public List<Absence> mine(Caller caller) {
        access.check(caller, Action.RECORD_ABSENCE);
        return of(caller.userId());
    }

    @Transactional(readOnly = true)
    public Absence get(long id) {
        return jdbc.query("select * from absence where id = ?", Absences::row, id).stream()
                .findFirst()
                .orElseThrow(() -> new NotFoundException("Không có lịch vắng mặt số " + id + "."));
    }

    /** A leader records their own absence ({@code request.userId()} is ignored). */
    @Transactional
    public Absence recordOwn(Caller caller, Request request) {
        access.check(caller, Action.RECORD_ABSENCE);
        return record(caller, caller.userId(), request);
    }

    /** A clerk or an administrator records a leader's absence ({@code request.userId()}). */
    @Transactional
    public Absence recordFor(Caller caller, Request request) {
        access.check(caller, Action.RECORD_ABSENCE_FOR_LEADER);
        String userId = request == null || request.userId() == null
                ? null
                : request.userId().strip();
        if (userId == null || userId.isEmpty()) {
            throw InvalidInputException.of(USER, "Cần chọn lãnh đạo vắng mặt.");
        }
        if (directory.signer(userId).isEmpty()) {
            throw InvalidInputException.of(USER, "'" + userId + "' không phải là lãnh đạo ký văn bản.");
        }
        return record(caller, userId, request);
    }

    private Absence record(Caller caller, String userId, Request request) {
        if (request == null) {
            throw InvalidInputException.of(FROM, "Cần gửi from, to và deputy.");
        }
        // one leader's records one at a time, so two overlapping ones cannot both pass the check below
        directory.lockSigner(userId);
        Instant now = clock.instant();
        Map<String, String> errors = new LinkedHashMap<>();
        Instant from = time(request.from(), FROM, "bắt đầu", errors);
        Instant to = time(request.to(), TO, "kết thúc", errors);
        if (from != null && to != null) {
            if (!to.isAfter(from)) {
                errors.put(TO, "Thời điểm kết thúc phải sau thời điểm bắt đầu.");
            } else if (!to.isAfter(now)) {
                errors.put(TO, "Thời điểm kết thúc đã qua.");
            } else if (java.time.Duration.between(from, to).compareTo(settings.maxLength()) > 0) {
                errors.put(
                        TO, "Mỗi lần vắng mặt dài nhất " + settings.maxLength().toDays() + " ngày.");
            }
        }
        String deputy = request.deputy() == null ? null : request.deputy().strip();
        if (deputy == null || deputy.isEmpty()) {
            errors.put(DEPUTY, "Cần chọn lãnh đạo ký thay.");
        } else if (deputy.equals(userId)) {
            errors.put(DEPUTY, "Không giao ký thay cho chính người vắng mặt.");
        } else if (directory.signer(deputy).isEmpty()) {
            errors.put(DEPUTY, "'" + deputy + "' không phải là lãnh đạo ký văn bản đang làm việc.");
        }
        String reason = FreeText.normalise(request.reason());
        reason = reason == null || reason.isBlank() ? null : reason.strip();
        String problem = FreeText.problem(reason);
        if (problem != null) {
            errors.put(REASON, problem);
        } else if (reason != null && reason.length() > MAX_REASON) {
            errors.put(REASON, "Lý do dài quá " + MAX_REASON + " ký tự.");
        }
        if (!errors.containsKey(FROM) && !errors.containsKey(TO) && from != null && to != null) {
            overlapping(userId, from, to)
                    .ifPresent(other -> errors.put(
                            FROM,
                            "Đã có lịch vắng mặt " + period(other) + " trùng với thời gian này; "
                                    + "hủy lịch đó trước hoặc chọn thời gian khác."));
            if (!errors.containsKey(DEPUTY) && deputy != null) {
                // the deputy is away then and has left their own signing to this leader: nobody would sign
                overlapping(deputy, from, to)
                        .filter(other -> other.deputy().equals(userId))
                        .ifPresent(other -> errors.put(
                                DEPUTY,
                                directory.fullName(deputy) + " cũng vắng mặt " + period(other)
                                        + " và đã giao ký thay cho chính lãnh đạo này."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String stored = reason;
        jdbc.update(
                con -> {
                    var ps = con.prepareStatement(
                            "insert into absence (user_id, starts_at, ends_at, deputy, reason, created_by, created_at) "
                                    + "values (?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, userId);
                    ps.setTimestamp(2, Timestamp.from(from));
                    ps.setTimestamp(3, Timestamp.from(to));
                    ps.setString(4, deputy);
                    ps.setString(5, stored);
                    ps.setString(6, caller.userId());
                    ps.setTimestamp(7, Timestamp.from(now));
                    return ps;
                },
                key);
        Absence absence = get(key.getKey().longValue());
        if (absence.activeAt(now)) {
            events.publishEvent(new AbsenceRecorded(absence));
        }
        return absence;
    }

    /**
     * Cancels an absence: the absent leader, or an administrator. Sign tasks already handed over stay
     * with the deputy (the document's history says who signs); new ones go to the leader again.
     */
    @Transactional
    public Absence cancel(Caller caller, long id) {
        access.check(caller, Action.CANCEL_ABSENCE);
        Absence absence = get(id);
        if (!absence.userId().equals(caller.userId()) && !caller.isIn(Groups.ADMINS)) {
            throw new ForbiddenException("Chỉ lãnh đạo vắng mặt hoặc quản trị viên mới hủy được lịch vắng mặt này.");
        }
        if (absence.cancelled()) {
            throw new ConflictException("Lịch vắng mặt này đã được hủy.");
        }
        Instant now = clock.instant();
        if (!absence.endsAt().isAfter(now)) {
            throw new ConflictException("Lịch vắng mặt này đã kết thúc, không cần hủy.");
        }
        jdbc.update(
                "update absence set cancelled_at = ? where id = ? and cancelled_at is null", Timestamp.from(now), id);
        return get(id);
    }

    /** "từ 07/12/2026 08:00 đến 10/12/2026 17:00", Vietnam time. */
    public static String period(Absence absence) {
        return "từ " + vietnam(absence.startsAt()) + " đến " + vietnam(absence.endsAt());
    }

    /** dd/MM/yyyy HH:mm in Vietnam time, as every page shows times. */
    public static String vietnam(Instant at) {
        return SHOWN.format(at.atZone(OrganisationProperties.VIETNAM));
    }

    private static final java.time.format.DateTimeFormatter SHOWN =
            java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private Optional<Absence> overlapping(String userId, Instant from, Instant to) {
        return jdbc
                .query(
                        "select * from absence where user_id = ? and cancelled_at is null and starts_at < ? "
                                + "and ends_at > ? order by starts_at",
                        Absences::row,
                        userId,
                        Timestamp.from(to),
                        Timestamp.from(from))
                .stream()
                .findFirst();
    }

    /** A date-time as a person types it: Vietnam time without an offset, or an ISO time with one. */
    static Instant time(String value, String field, String which, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            errors.put(field, "Cần nhập thời điểm " + which + " vắng mặt.");
            return null;
        }
        String text = value.strip().replaceAll("\\s+", " ");
        try {
            // the page's text field, as the draft form's times: 07/12/2026 08:00, Vietnam time
            return LocalDateTime.parse(text, PAGE_TIME)
                    .atZone(OrganisationProperties.VIETNAM)
                    .toInstant();
        } catch (DateTimeParseException page) {
            // the API's ISO forms
        }
        try {
            return LocalDateTime.parse(text)
                    .atZone(OrganisationProperties.VIETNAM)
                    .toInstant();
        } catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException offset) {
                errors.put(
                        field,
                        "Thời điểm " + which
                                + " không hợp lệ: viết dạng ngày/tháng/năm giờ:phút (24 giờ), ví dụ 07/12/2026 08:00.");
                return null;
            }
        }
    }

    /** "07/12/2026 08:00" or "7/12/2026 8:00". */
    private static final java.time.format.DateTimeFormatter PAGE_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "d/M/uuuu H:mm")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private static Absence row(ResultSet rs, int i) throws SQLException {
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new Absence(
                rs.getLong("id"),
                rs.getString("user_id"),
                rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(),
                rs.getString("deputy"),
                rs.getString("reason"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                cancelled == null ? null : cancelled.toInstant());
    }
}
