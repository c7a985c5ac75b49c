package vn.vanthu.document;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Độ khẩn of a document, chosen by the drafter; printed boxed under the number (36-HD). */
public enum Urgency {
    KHAN("KHẨN"),
    THUONG_KHAN("THƯỢNG KHẨN"),
    HOA_TOC("HỎA TỐC");

    private final String label;

    Urgency(String label) {
        this.label = label;
    }

    /** As printed and put at the start of email subjects: capitals. */
    public String label() {
        return label;
    }

    /** The code of the API ("KHAN" …), case-insensitive; empty for null or blank, or when unknown. */
    public static Optional<Urgency> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(u -> u.name().equals(c)).findFirst();
    }

    public static String labelOf(String code) {
        return parse(code).map(Urgency::label).orElse(null);
    }
}
