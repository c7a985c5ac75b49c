package vn.vanthu.signing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import vn.vanthu.rendering.RenderedPdf;

/**
 * Where and what to draw for a visible signature: a bordered box in {@code area} with one text line per entry.
 */
public record VisibleSignature(RenderedPdf.Area area, List<String> lines) {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss '(GMT+7)'");

    public VisibleSignature {
        if (area == null) {
            throw new IllegalArgumentException("area is required");
        }
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** The usual signer box: "Ký bởi", "Chức vụ", "Thời gian" (Vietnam time). */
    public static VisibleSignature signer(RenderedPdf.Area area, String fullName, String position, Instant time) {
        return new VisibleSignature(area, position == null || position.isBlank()
                ? List.of("Ký bởi: " + fullName, "Thời gian: " + formatTime(time))
                : List.of("Ký bởi: " + fullName, "Chức vụ: " + position, "Thời gian: " + formatTime(time)));
    }

    /** The organisation's seal box. */
    public static VisibleSignature seal(RenderedPdf.Area area, String organisationName, Instant time) {
        return new VisibleSignature(area, List.of("Đóng dấu: " + organisationName, "Thời gian: " + formatTime(time)));
    }

    /** e.g. "26/11/2026 09:15:02 (GMT+7)". */
    public static String formatTime(Instant time) {
        return TIME.format(time.atZone(VIETNAM));
    }
}
