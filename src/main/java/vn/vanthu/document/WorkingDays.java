package vn.vanthu.document;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Working days are Monday to Friday. */
final class WorkingDays {

    private WorkingDays() {}

    /** Working days strictly after {@code from} and strictly before {@code until}. */
    public static int between(LocalDate from, LocalDate until) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); day.isBefore(until); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }
}
