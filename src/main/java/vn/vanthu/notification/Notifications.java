package vn.vanthu.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;

/**
 * Each person's in-app notifications. Written in the caller's transaction (a rolled-back decision
 * leaves none); read and marked only by their owner, whom the caller is: no user id comes from a
 * request.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    /** What a list shows at most: the newest ones; older ones stay in the table. */
    static final int SHOWN = 50;

    private static final int TEXT_LENGTH = 1000;

    /** One notification; {@code link} is a path inside Văn thư (a task or a document page). */
    public record Notification(long id, String text, String link, Instant createdAt, Instant readAt) {
        public boolean unread() {
            return readAt == null;
        }
    }

    /** The newest notifications and how many are unread (of all, not only of those listed). */
    public record Inbox(List<Notification> items, int unread) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AccessPolicy access;

    Notifications(JdbcTemplate jdbc, Clock clock, AccessPolicy access) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.access = access;
    }

    /**
     * Tells each of these people the same thing. A failure is logged, never thrown: a notice that
     * cannot be written must not undo the decision it is about (the email and the task list remain).
     */
    public void tell(Collection<String> userIds, String text, String link) {
        String shown = text.length() > TEXT_LENGTH ? text.substring(0, TEXT_LENGTH - 1) + "…" : text;
        Timestamp now = Timestamp.from(clock.instant());
        for (String userId : userIds) {
            if (userId == null || userId.isBlank()) {
                continue;
            }
            try {
                jdbc.update(
                        "insert into staff_notification (user_id, text, link, created_at) values (?, ?, ?, ?)",
                        userId,
                        shown,
                        link,
                        now);
            } catch (RuntimeException e) {
                log.error("Cannot write a notification for {}", userId, e);
            }
        }
    }

    /** The caller's own notifications, newest first. */
    public Inbox inbox(Caller caller) {
        access.check(caller, Action.USE_STAFF_PAGES);
        List<Notification> items = jdbc.query(
                "select id, text, link, created_at, read_at from staff_notification where user_id = ?"
                        + " order by created_at desc, id desc fetch first " + SHOWN + " rows only",
                (rs, i) -> new Notification(
                        rs.getLong("id"),
                        rs.getString("text"),
                        rs.getString("link"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("read_at") == null
                                ? null
                                : rs.getTimestamp("read_at").toInstant()),
                caller.userId());
        return new Inbox(items, unread(caller));
    }

    /** How many of the caller's notifications are unread (the bell's number). */
    public int unread(Caller caller) {
        if (!access.allows(caller, Action.USE_STAFF_PAGES)) {
            return 0;
        }
        Integer count = jdbc.queryForObject(
                "select count(*) from staff_notification where user_id = ? and read_at is null",
                Integer.class,
                caller.userId());
        return count == null ? 0 : count;
    }

    /** Marks all of the caller's notifications read; returns how many were unread. */
    public int markAllRead(Caller caller) {
        access.check(caller, Action.USE_STAFF_PAGES);
        return jdbc.update(
                "update staff_notification set read_at = ? where user_id = ? and read_at is null",
                Timestamp.from(clock.instant()),
                caller.userId());
    }
}
