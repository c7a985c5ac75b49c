package vn.vanthu.rendering;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Dates and times as Vietnamese administrative documents write them (Decree 30/2020, guideline 36-HD):
 * "ngày 05 tháng 02 năm 2026" — days below 10 and months 1–2 get a leading zero, other months do not.
 */
public final class VietnameseDates {

    private VietnameseDates() {}

    /** "ngày 05 tháng 02 năm 2026", "ngày 26 tháng 9 năm 2023", "ngày 26 tháng 11 năm 2026". */
    public static String date(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int month = date.getMonthValue();
        // months 1 and 2 are zero-padded so "tháng 1" cannot be altered into "tháng 11"/"tháng 12"
        String monthText = month <= 2 ? "0" + month : Integer.toString(month);
        return "ngày " + twoDigits(date.getDayOfMonth()) + " tháng " + monthText + " năm " + date.getYear();
    }

    /** "Quy Nhơn, ngày 05 tháng 02 năm 2026"; without a place, just the date. */
    public static String dateLine(String place, LocalDate date) {
        String d = date(date);
        return place == null || place.isBlank() ? capitalize(d) : place.strip() + ", " + d;
    }

    /** "thứ Hai" … "thứ Bảy", "Chủ nhật", as written mid-sentence. */
    public static String weekday(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> "thứ Hai";
            case TUESDAY -> "thứ Ba";
            case WEDNESDAY -> "thứ Tư";
            case THURSDAY -> "thứ Năm";
            case FRIDAY -> "thứ Sáu";
            case SATURDAY -> "thứ Bảy";
            case SUNDAY -> "Chủ nhật";
        };
    }

    /** "08 giờ 00". */
    public static String time(ZonedDateTime t) {
        return twoDigits(t.getHour()) + " giờ " + twoDigits(t.getMinute());
    }

    /**
     * "08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 26 tháng 11 năm 2026"; when the meeting ends on another
     * day, each end gets its own day: "08 giờ 00, thứ Năm, ngày 26 … đến 11 giờ 30, thứ Sáu, ngày 27 …".
     * The end is shown in the start's time zone; a null end gives just the start.
     */
    public static String meetingTime(ZonedDateTime start, ZonedDateTime end) {
        Objects.requireNonNull(start, "start");
        if (end == null) {
            return time(start) + ", " + day(start.toLocalDate());
        }
        ZonedDateTime localEnd = end.withZoneSameInstant(start.getZone());
        if (localEnd.toLocalDate().equals(start.toLocalDate())) {
            return time(start) + " đến " + time(localEnd) + ", " + day(start.toLocalDate());
        }
        return time(start) + ", " + day(start.toLocalDate()) + " đến " + time(localEnd) + ", "
                + day(localEnd.toLocalDate());
    }

    private static String day(LocalDate d) {
        return weekday(d.getDayOfWeek()) + ", " + date(d);
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
