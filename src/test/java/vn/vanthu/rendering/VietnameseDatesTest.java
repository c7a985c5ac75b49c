package vn.vanthu.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class VietnameseDatesTest {

    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void padsDaysBelowTenAndOnlyMonthsOneAndTwo() {
        assertThat(VietnameseDates.date(LocalDate.of(2026, 2, 5))).isEqualTo("ngày 05 tháng 02 năm 2026");
        assertThat(VietnameseDates.date(LocalDate.of(2026, 1, 15))).isEqualTo("ngày 15 tháng 01 năm 2026");
        assertThat(VietnameseDates.date(LocalDate.of(2023, 9, 26))).isEqualTo("ngày 26 tháng 9 năm 2023");
        assertThat(VietnameseDates.date(LocalDate.of(2026, 11, 26))).isEqualTo("ngày 26 tháng 11 năm 2026");
        assertThat(VietnameseDates.date(LocalDate.of(2026, 3, 1))).isEqualTo("ngày 01 tháng 3 năm 2026");
        assertThat(VietnameseDates.date(LocalDate.of(2026, 12, 31))).isEqualTo("ngày 31 tháng 12 năm 2026");
    }

    @Test
    void dateLineWithPlace() {
        assertThat(VietnameseDates.dateLine("Quy Nhơn", LocalDate.of(2026, 2, 5)))
                .isEqualTo("Quy Nhơn, ngày 05 tháng 02 năm 2026");
        assertThat(VietnameseDates.dateLine(" ", LocalDate.of(2026, 2, 5))).isEqualTo("Ngày 05 tháng 02 năm 2026");
    }

    @Test
    void meetingOnOneDay() {
        assertThat(VietnameseDates.meetingTime(
                        ZonedDateTime.of(2026, 11, 26, 8, 0, 0, 0, VN),
                        ZonedDateTime.of(2026, 11, 26, 11, 30, 0, 0, VN)))
                .isEqualTo("08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 26 tháng 11 năm 2026");
    }

    @Test
    void meetingOverTwoDaysNamesBothDays() {
        assertThat(VietnameseDates.meetingTime(
                        ZonedDateTime.of(2026, 2, 7, 14, 0, 0, 0, VN), ZonedDateTime.of(2026, 2, 8, 17, 0, 0, 0, VN)))
                .isEqualTo(
                        "14 giờ 00, thứ Bảy, ngày 07 tháng 02 năm 2026 đến 17 giờ 00, Chủ nhật, ngày 08 tháng 02 năm 2026");
    }

    @Test
    void endIsShownInTheStartsZone() {
        ZonedDateTime start = ZonedDateTime.of(2026, 9, 28, 7, 30, 0, 0, VN); // Monday
        ZonedDateTime endUtc = ZonedDateTime.of(2026, 9, 28, 3, 0, 0, 0, ZoneId.of("UTC"));
        assertThat(VietnameseDates.meetingTime(start, endUtc))
                .isEqualTo("07 giờ 30 đến 10 giờ 00, thứ Hai, ngày 28 tháng 9 năm 2026");
        assertThat(VietnameseDates.meetingTime(start, null)).isEqualTo("07 giờ 30, thứ Hai, ngày 28 tháng 9 năm 2026");
    }
}
