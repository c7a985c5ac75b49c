package vn.vanthu.distribution;

import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.security.Caller;
import vn.vanthu.system.Downloads;

/** An invitation's attendance over the API: JSON, CSV, XLSX, and the reminder to those without an answer. */
@RestController
@RequestMapping("/api/documents/{id}")
class AttendanceController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final Attendance attendance;

    AttendanceController(Attendance attendance) {
        this.attendance = attendance;
    }

    @GetMapping("/attendance")
    Attendance.Sheet json(@PathVariable Long id, Authentication auth) {
        return attendance.of(id, Caller.of(auth));
    }

    @GetMapping("/attendance.csv")
    ResponseEntity<String> csv(@PathVariable Long id, Authentication auth) {
        Attendance.Sheet sheet = attendance.of(id, Caller.of(auth));
        return download(sheet, "csv", new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(Attendance.csv(sheet));
    }

    @GetMapping("/attendance.xlsx")
    ResponseEntity<byte[]> xlsx(@PathVariable Long id, Authentication auth) {
        Attendance.Sheet sheet = attendance.of(id, Caller.of(auth));
        return download(sheet, "xlsx", XLSX).body(Attendance.xlsx(sheet));
    }

    @PostMapping("/attendance/remind")
    Attendance.Reminded remind(@PathVariable Long id, Authentication auth) {
        return attendance.remind(id, Caller.of(auth));
    }

    /** "tham-du-117-GM-ĐUK.csv" (RFC 6266, UTF-8 for the Đ). */
    static ResponseEntity.BodyBuilder download(Attendance.Sheet sheet, String extension, MediaType type) {
        String name = "tham-du-"
                + (sheet.number() == null
                        ? sheet.documentId().toString()
                        : sheet.number().replace('/', '-')) + "." + extension;
        return Downloads.attachment(name, type);
    }
}
