package vn.vanthu.document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The printing rules that need no configuration: Nơi nhận, the suggested urgency. */
public final class PrintRules {

    /** Printed last in every Nơi nhận, by the template; never taken from the drafter's lines. */
    public static final String ARCHIVE_LINE = "Lưu Văn phòng";

    public static final int MAX_PRINTED_LINES = 200;
    public static final int MAX_LINE = 300;

    private static final Pattern LEADING_DASH = Pattern.compile("^[-–•+*]\\s*");
    private static final Pattern TRAILING = Pattern.compile("[\\s,;.]+$");

    private PrintRules() {}

    /** A chosen recipient group: printed as one line, its name; its members' addresses. */
    public record Group(String name, Set<String> emails) {}

    /**
     * The lines of Nơi nhận, without "- " and the punctuation the template adds: the drafter's own
     * lines if any, else one line per recipient. "Lưu Văn phòng" is left out (printed last anyway)
     * and a line is printed once.
     */
    public static List<String> printedRecipients(List<String> given, List<String> recipientNames) {
        List<String> source = given == null || given.stream().allMatch(l -> clean(l) == null) ? recipientNames : given;
        LinkedHashSet<String> lines = new LinkedHashSet<>();
        for (String line : source == null ? List.<String>of() : source) {
            String c = clean(line);
            if (c != null && !isArchiveLine(c)) {
                lines.add(c);
            }
        }
        return List.copyOf(lines);
    }

    /**
     * What the drafting form offers when the drafter writes no Nơi nhận: each chosen group as one
     * line, then every recipient that no chosen group covers, one line each.
     */
    public static List<String> groupedLines(List<Group> groups, List<Recipient> recipients) {
        List<String> lines = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (Group g : groups) {
            lines.add(g.name());
            g.emails().forEach(e -> covered.add(e.toLowerCase(Locale.ROOT)));
        }
        for (Recipient r : recipients) {
            if (!covered.contains(r.getEmail().toLowerCase(Locale.ROOT))) {
                lines.add(r.getName());
            }
        }
        return printedRecipients(lines, List.of());
    }

    /** "- Văn phòng Tỉnh ủy," → "Văn phòng Tỉnh ủy"; null when nothing is left. */
    public static String clean(String line) {
        if (line == null) {
            return null;
        }
        String s = TRAILING.matcher(LEADING_DASH.matcher(line.strip()).replaceFirst(""))
                .replaceFirst("")
                .strip();
        return s.isEmpty() ? null : s;
    }

    public static boolean isArchiveLine(String cleaned) {
        return cleaned != null && cleaned.toLowerCase(Locale.ROOT).startsWith(ARCHIVE_LINE.toLowerCase(Locale.ROOT));
    }

    /**
     * The level the 3-working-day rule suggests (KHẨN) when an invitation comes late and the drafter
     * chose none; empty when the drafter chose one or the invitation is in time.
     */
    public static Optional<Urgency> suggestedUrgency(boolean late, Urgency chosen) {
        return late && chosen == null ? Optional.of(Urgency.KHAN) : Optional.empty();
    }
}
