package vn.vanthu.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * A day as the pages' date fields take it: dd/MM/yyyy (d/M/yyyy too) whatever the browser's language,
 * or yyyy-MM-dd as the pages' own links carry it. 31/02 is refused, not read as 28/02.
 */
final class TypedDay {

    private static final DateTimeFormatter TYPED =
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private TypedDay() {}

    /** @throws DateTimeParseException the text is neither form of a real day */
    static LocalDate parse(String text) {
        String t = text.strip();
        return t.contains("/") ? LocalDate.parse(t, TYPED) : LocalDate.parse(t);
    }
}
