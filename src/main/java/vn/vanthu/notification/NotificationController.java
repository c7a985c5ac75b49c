package vn.vanthu.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.security.Caller;

/**
 * GET /api/me/notifications (one's own, newest first, with the unread count) and POST
 * /api/me/notifications/read (marks all of one's own read). Times are Vietnam time.
 */
@RestController
class NotificationController {

    record View(long id, String text, String link, OffsetDateTime createdAt, OffsetDateTime readAt) {}

    record InboxView(List<View> items, int unread) {}

    private final Notifications notifications;

    NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/me/notifications")
    InboxView mine(Authentication auth) {
        Notifications.Inbox inbox = notifications.inbox(Caller.of(auth));
        return new InboxView(
                inbox.items().stream()
                        .map(n -> new View(
                                n.id(),
                                n.text(),
                                n.link(),
                                n.createdAt()
                                        .atZone(OrganisationProperties.VIETNAM)
                                        .toOffsetDateTime(),
                                n.readAt() == null
                                        ? null
                                        : n.readAt()
                                                .atZone(OrganisationProperties.VIETNAM)
                                                .toOffsetDateTime()))
                        .toList(),
                inbox.unread());
    }

    /** 200 with {"marked": n}: how many were unread. */
    @PostMapping("/api/me/notifications/read")
    @Transactional
    Map<String, Integer> read(Authentication auth) {
        return Map.of("marked", notifications.markAllRead(Caller.of(auth)));
    }
}
