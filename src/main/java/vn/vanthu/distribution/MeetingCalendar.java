package vn.vanthu.distribution;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.Version;
import net.fortuna.ical4j.model.property.XProperty;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import vn.vanthu.config.InstallationProperties;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.DocumentHeadings;
import vn.vanthu.document.IssuedFiles;
import vn.vanthu.security.Caller;

/**
 * The meeting calendar: the issued invitations of a week (time, place, chair, and the person's
 * own answer when invited), and each staff member's personal calendar feed, an RFC 5545
 * VCALENDAR over a secret URL that Outlook, Thunderbird and Google Calendar subscribe to. The
 * feed's token is 256 random bits shown once; only its SHA-256 is kept ({@code calendar_feed}), a
 * new one replaces it (the old URL stops working) and it can be revoked.
 */
@Service
public class MeetingCalendar {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** A feed reaches this far back; older meetings drop out of subscribed calendars. */
    static final Duration FEED_HISTORY = Duration.ofDays(180);

    /** One meeting of the week. myAnswer: the person's state as an invitee, null when not invited. */
    public record Meeting(
            Long documentId,
            String number,
            String title,
            OffsetDateTime start,
            OffsetDateTime end,
            String location,
            String chair,
            boolean recalled,
            Attendance.State myAnswer,
            String myAnswerLabel) {}

    public record Week(
            LocalDate monday, LocalDate sunday, LocalDate previous, LocalDate next, List<Meeting> meetings) {}

    /** The feed link's state for a person: when it was made, or null when there is none. */
    public record FeedLink(Instant createdAt) {}

    private final JdbcTemplate jdbc;
    private final DocumentHeadings documents;
    private final Directory directory;
    private final AccessPolicy access;
    private final Clock clock;
    private final String publicUrl;
    private final String domain;

    MeetingCalendar(
            JdbcTemplate jdbc,
            DocumentHeadings documents,
            Directory directory,
            AccessPolicy access,
            Clock clock,
            InstallationProperties installation,
            MailSettings mail) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.directory = directory;
        this.access = access;
        this.clock = clock;
        this.publicUrl = installation.publicUrl();
        String address = mail.sender().getAddress();
        this.domain = address.substring(address.indexOf('@') + 1);
    }

    /** The week (Monday to Sunday, Vietnam time) holding this day. */
    public Week week(LocalDate day, Caller caller) {
        access.check(caller, Action.USE_STAFF_PAGES);
        LocalDate monday = (day == null ? LocalDate.now(clock.withZone(OrganisationProperties.VIETNAM)) : day)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant from = monday.atStartOfDay(OrganisationProperties.VIETNAM).toInstant();
        Instant to =
                monday.plusWeeks(1).atStartOfDay(OrganisationProperties.VIETNAM).toInstant();
        String email = email(caller.userId()).orElse(null);
        List<Meeting> meetings = meetings(from, to, email, null);
        return new Week(monday, monday.plusDays(6), monday.minusWeeks(1), monday.plusWeeks(1), meetings);
    }

    /**
     * Issued (and recalled) invitations whose meeting starts in [from, to); with {@code onlyFor},
     * only those the person is invited to, signs or drafted.
     */
    private List<Meeting> meetings(Instant from, Instant to, String email, String onlyFor) {
        List<DocumentHeadings.Meeting> all = documents.meetings(from, to);
        java.util.Set<Long> invited = onlyFor == null ? java.util.Set.of() : invited(all, email);
        List<Meeting> found = all.stream()
                .filter(m -> onlyFor == null
                        || onlyFor.equals(m.signer())
                        || onlyFor.equals(m.drafter())
                        || invited.contains(m.documentId()))
                .map(m -> new Meeting(
                        m.documentId(),
                        m.number(),
                        m.title(),
                        vn(m.start()),
                        vn(m.end()),
                        m.location(),
                        m.chair(),
                        m.recalled(),
                        null,
                        null))
                .toList();
        if (email == null) {
            return found;
        }
        return found.stream().map(m -> answer(m, email)).toList();
    }

    /** Which of these meetings the address got an invitation to, in one query. */
    private java.util.Set<Long> invited(List<DocumentHeadings.Meeting> meetings, String email) {
        if (meetings.isEmpty() || email == null) {
            return java.util.Set.of();
        }
        java.util.Set<Long> ids = new java.util.HashSet<>();
        List<Long> all =
                meetings.stream().map(DocumentHeadings.Meeting::documentId).toList();
        IdChunks.forEach(
                all,
                slice -> ids.addAll(new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc)
                        .queryForList(
                                "select distinct document_id from delivery where kind = 'ISSUE' and lower(email) = :email"
                                        + " and document_id in (:ids)",
                                new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                                        .addValue("email", email.toLowerCase(Locale.ROOT))
                                        .addValue("ids", slice),
                                Long.class)));
        return ids;
    }

    private Meeting answer(Meeting m, String email) {
        List<Attendance.State> states = jdbc.query(
                """
                select response, confirmed_at from delivery where document_id = ? and kind = 'ISSUE' and lower(email) = ?
                order by position""",
                (rs, i) -> rs.getString(1) != null
                        ? Attendance.State.valueOf(rs.getString(1))
                        : rs.getTimestamp(2) != null ? Attendance.State.RECEIVED : Attendance.State.NO_ANSWER,
                m.documentId(),
                email.toLowerCase(Locale.ROOT));
        Attendance.State state = states.isEmpty() ? null : states.get(0);
        return new Meeting(
                m.documentId(),
                m.number(),
                m.title(),
                m.start(),
                m.end(),
                m.location(),
                m.chair(),
                m.recalled(),
                state,
                state == null ? null : state.label());
    }

    private Optional<String> email(String userId) {
        return directory.user(userId).map(User::getEmail).filter(e -> e != null && !e.isBlank());
    }

    // ---- the personal feed

    public Optional<FeedLink> feedLink(Caller caller) {
        access.check(caller, Action.MANAGE_CALENDAR_FEED);
        return jdbc
                .query(
                        "select created_at from calendar_feed where user_id = ?",
                        (rs, i) -> new FeedLink(rs.getTimestamp(1).toInstant()),
                        caller.userId())
                .stream()
                .findFirst();
    }

    /** A new secret URL for the caller's feed; any earlier one stops working. Shown once. */
    public String newFeedLink(Caller caller) {
        access.check(caller, Action.MANAGE_CALENDAR_FEED);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Timestamp now = Timestamp.from(clock.instant());
        if (jdbc.update(
                        "update calendar_feed set token_hash = ?, created_at = ? where user_id = ?",
                        hash(token),
                        now,
                        caller.userId())
                == 0) {
            jdbc.update(
                    "insert into calendar_feed (user_id, token_hash, created_at) values (?, ?, ?)",
                    caller.userId(),
                    hash(token),
                    now);
        }
        return feedUrl(token);
    }

    public void revokeFeedLink(Caller caller) {
        access.check(caller, Action.MANAGE_CALENDAR_FEED);
        jdbc.update("delete from calendar_feed where user_id = ?", caller.userId());
    }

    String feedUrl(String token) {
        return publicUrl + "/r/lich/" + token + ".ics";
    }

    /**
     * The feed of a token: empty for an unknown, revoked or malformed one, and for a person who is
     * no longer staff (a left employee's subscribed calendar stops with their account).
     */
    public Optional<String> feed(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        Optional<String> userId = jdbc
                .query(
                        "select user_id from calendar_feed where token_hash = ?",
                        (rs, i) -> rs.getString(1),
                        hash(token))
                .stream()
                .findFirst();
        if (userId.isEmpty()
                || directory.user(userId.get()).isEmpty()
                || directory.groupsOf(userId.get()).stream().noneMatch(Groups.STAFF::contains)) {
            return Optional.empty();
        }
        String user = userId.get();
        Instant now = clock.instant();
        String email = email(user).orElse(null);
        List<Meeting> meetings = meetings(now.minus(FEED_HISTORY), now.plus(Duration.ofDays(3660)), email, user);
        return Optional.of(ics(meetings, directory.fullName(user), now));
    }

    /** RFC 5545: METHOD:PUBLISH, one VEVENT per meeting, texts escaped and lines folded as the invitations'. */
    String ics(List<Meeting> meetings, String ownerName, Instant stamp) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Van thu//Lich hop//VI"));
        calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        calendar.add(new Method(Method.VALUE_PUBLISH));
        // the name Outlook and Google give the subscribed calendar
        calendar.add(new XProperty("X-WR-CALNAME", InvitationCalendar.text("Lịch họp — " + ownerName)));
        calendar.add(new XProperty("X-PUBLISHED-TTL", "PT1H"));
        for (Meeting m : meetings) {
            VEvent event = new VEvent(
                    m.start().toInstant(),
                    (m.end() == null ? m.start().plusHours(1) : m.end()).toInstant(),
                    InvitationCalendar.text((m.recalled() ? "[Đã hủy] " : "") + m.number() + " " + m.title()));
            event.add(new Uid("vanthu-" + m.documentId() + "@" + domain));
            event.add(new Sequence(m.recalled() ? 1 : 0));
            event.replace(new DtStamp(stamp));
            if (m.location() != null) {
                event.add(new Location(InvitationCalendar.text(m.location())));
            }
            StringBuilder description = new StringBuilder();
            if (m.chair() != null) {
                description.append("Chủ trì: ").append(m.chair()).append('\n');
            }
            if (m.myAnswerLabel() != null) {
                description
                        .append("Trả lời của tôi: ")
                        .append(m.myAnswerLabel())
                        .append('\n');
            }
            description.append(publicUrl).append("/van-ban/").append(m.documentId());
            event.add(new Description(InvitationCalendar.text(description.toString())));
            event.add(new Url(URI.create(publicUrl + "/van-ban/" + m.documentId())));
            event.add(new Status(m.recalled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            calendar.add(event);
        }
        return InvitationCalendar.fold(calendar.toString());
    }

    private static String hash(String token) {
        return IssuedFiles.sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static OffsetDateTime vn(Instant t) {
        return t == null ? null : t.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }

    private static OffsetDateTime vn(Timestamp t) {
        return t == null
                ? null
                : t.toInstant().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }
}
