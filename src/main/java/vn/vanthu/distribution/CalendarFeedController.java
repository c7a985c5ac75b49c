package vn.vanthu.distribution;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A staff member's calendar feed, no sign-in (calendar clients cannot sign in): the secret token
 * in the URL decides, as with the recipients' links under /r/. Unknown, revoked: a plain 404.
 */
@RestController
class CalendarFeedController {

    static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final MeetingCalendar calendar;

    CalendarFeedController(MeetingCalendar calendar) {
        this.calendar = calendar;
    }

    /** {file}: the token and ".ics", which Outlook wants to see at the end of a calendar's address. */
    @GetMapping("/r/lich/{file}")
    ResponseEntity<String> feed(@PathVariable String file) {
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : null;
        return calendar.feed(token)
                .map(ics -> ResponseEntity.ok()
                        .contentType(CALENDAR)
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"lich-hop.ics\"")
                        .body(ics))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                        .body("Liên kết lịch không hợp lệ hoặc đã bị thu hồi."));
    }
}
