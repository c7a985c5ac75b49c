package vn.vanthu.document;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vanthu.calendar.*}: the office's days off beyond the weekend, for the draft's warnings
 * (an invitation to a meeting on a day off is most likely a typo in the date).
 *
 * @param holidays public holidays as solar dates (Tết and Giỗ Tổ Hùng Vương move with the lunar
 *                 calendar, and the adjacent day of Quốc khánh is announced each year); the 2026 and
 *                 2027 holidays when not set
 */
@ConfigurationProperties("vanthu.calendar")
public record CalendarProperties(List<LocalDate> holidays) {

    /** Bộ luật Lao động 2019 Điều 112, as the government announced or as the lunar calendar gives. */
    public static final List<LocalDate> VIETNAM_2026_2027 = List.of(
            LocalDate.of(2026, 1, 1),
            // Tết Bính Ngọ: mùng 1 is 17/02/2026
            LocalDate.of(2026, 2, 16),
            LocalDate.of(2026, 2, 17),
            LocalDate.of(2026, 2, 18),
            LocalDate.of(2026, 2, 19),
            LocalDate.of(2026, 2, 20),
            // Giỗ Tổ Hùng Vương 10/3 âm lịch falls on Sunday 26/4, made up on Monday 27/4
            LocalDate.of(2026, 4, 26),
            LocalDate.of(2026, 4, 27),
            LocalDate.of(2026, 4, 30),
            LocalDate.of(2026, 5, 1),
            LocalDate.of(2026, 9, 1),
            LocalDate.of(2026, 9, 2),
            LocalDate.of(2027, 1, 1),
            // Tết Đinh Mùi: mùng 1 is 06/02/2027
            LocalDate.of(2027, 2, 4),
            LocalDate.of(2027, 2, 5),
            LocalDate.of(2027, 2, 8),
            LocalDate.of(2027, 2, 9),
            LocalDate.of(2027, 2, 10),
            // Giỗ Tổ Hùng Vương 10/3 âm lịch
            LocalDate.of(2027, 4, 16),
            LocalDate.of(2027, 4, 30),
            // 1/5 is a Saturday, made up on Monday 3/5
            LocalDate.of(2027, 5, 1),
            LocalDate.of(2027, 5, 3),
            LocalDate.of(2027, 9, 2),
            LocalDate.of(2027, 9, 3));

    public CalendarProperties {
        holidays = holidays == null ? VIETNAM_2026_2027 : List.copyOf(holidays);
    }

    /** Why a meeting on this day is odd ("Chủ nhật", "ngày nghỉ lễ"), or null on a working day. */
    public String dayOff(LocalDate day) {
        if (holidays.contains(day)) {
            return "ngày nghỉ lễ";
        }
        return day.getDayOfWeek() == DayOfWeek.SATURDAY
                ? "Thứ Bảy"
                : day.getDayOfWeek() == DayOfWeek.SUNDAY ? "Chủ nhật" : null;
    }
}
