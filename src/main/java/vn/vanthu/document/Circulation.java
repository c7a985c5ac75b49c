package vn.vanthu.document;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Phạm vi lưu hành: a document meant for the Party organisation only; printed, never published. */
public enum Circulation {
    NOI_BO("Lưu hành nội bộ");

    private final String label;

    Circulation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Circulation> parse(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(c)).findFirst();
    }

    public static String labelOf(String code) {
        return parse(code).map(Circulation::label).orElse(null);
    }
}
