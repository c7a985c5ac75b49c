package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 26: dates everywhere through one picker. Every field of our pages that takes a date (a
 * dd/mm/yyyy pattern, class date or datetime, or a browser's own date input) is a text field
 * marked data-picker, so js/datepicker.js gives it the calendar; a new date field without it fails
 * here, not in an office with an English browser.
 */
class DateFieldsPickerTest {

    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.DOTALL);
    private static final Pattern DATE_LIKE = Pattern.compile(
            "class=\"date(time)?\\b|pattern=\"\\\\d\\{1,2}/|pattern=\"\\\\d\\{2}/|type=\"(date|datetime-local|time|month|week)\"");
    private static final Pattern PICKER = Pattern.compile("data-picker=\"(date|datetime)\"");

    @Test
    void everyDateFieldHasThePicker() throws IOException {
        List<Path> pages = NoInlineScriptTest.pageTemplates();
        List<String> withPicker = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Path page : pages) {
            Matcher input = INPUT.matcher(Files.readString(page));
            while (input.find()) {
                String tag = input.group();
                if (tag.contains("type=\"hidden\"") || !DATE_LIKE.matcher(tag).find()) {
                    continue;
                }
                Matcher picker = PICKER.matcher(tag);
                if (!picker.find() || tag.matches("(?s).*type=\"(date|datetime-local|time|month|week)\".*")) {
                    without.add(page.getFileName() + ": " + tag.replaceAll("\\s+", " "));
                } else {
                    withPicker.add(page.getFileName() + " " + picker.group(1));
                    // what the picker writes is what the field's pattern allows
                    assertThat(tag.contains("class=\"date" + ("datetime".equals(picker.group(1)) ? "time" : "") + "\""))
                            .as("class of " + tag)
                            .isTrue();
                }
            }
        }
        assertThat(without).as("date fields without the picker").isEmpty();
        // the draft form's three times, the absence period, two filters, the register's range, the
        // recall date, the calendar's week
        assertThat(withPicker).hasSizeGreaterThanOrEqualTo(11);
    }
}
