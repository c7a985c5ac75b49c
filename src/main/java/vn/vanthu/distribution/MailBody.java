package vn.vanthu.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.DraftContent;
import vn.vanthu.rendering.DocumentSheet;
import vn.vanthu.rendering.VietnameseDates;

/**
 * A draft's text as the emails and the calendar item show it: the drafter's heading mark ("# ",
 * {@link DocumentSheet#HEADING_MARK}) makes a heading, as on the printed page, and never reaches
 * the reader as a raw "#".
 */
final class MailBody {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private MailBody() {}

    /** One line of the body: a heading (bold in HTML, set apart in plain text) or a paragraph. */
    record Line(String text, boolean heading) {}

    static List<Line> lines(String body) {
        List<Line> lines = new ArrayList<>();
        if (body == null) {
            return lines;
        }
        for (String raw : body.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(DocumentSheet.HEADING_MARK.strip())
                    && (line.length() == 1 || Character.isWhitespace(line.charAt(1)))) {
                String text = line.substring(1).strip();
                if (!text.isEmpty()) {
                    lines.add(new Line(text, true));
                }
            } else {
                lines.add(new Line(line, false));
            }
        }
        return lines;
    }

    /** The body as plain text: headings on a line of their own, no "#". */
    static String plain(String body) {
        StringBuilder out = new StringBuilder();
        for (Line l : lines(body)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(l.text());
        }
        return out.toString();
    }

    /**
     * "Kính mời đồng chí Nguyễn Văn A tới dự Hội nghị …": a person is "đồng chí" (unless the name
     * already says it), a unit is named as it is; a title starting "Dự …" loses the word it repeats.
     */
    static String invitationLine(String name, boolean unit, String title) {
        String who = name == null || name.isBlank() ? "" : name.strip();
        if (who.toLowerCase(VIETNAMESE).startsWith("đồng chí ")) {
            who = "đồng chí " + who.substring("đồng chí ".length()).strip(); // mid-sentence: lower case
        } else if (!unit && !who.isEmpty()) {
            who = "đồng chí " + who;
        }
        String what = title == null ? "" : title.strip();
        if (what.toLowerCase(VIETNAMESE).startsWith("dự ")) {
            what = what.substring(3).strip();
        }
        if (!what.isEmpty()) {
            what = what.substring(0, 1).toLowerCase(VIETNAMESE) + what.substring(1);
        }
        return "Kính mời " + (who.isEmpty() ? "" : who + " ") + "tới dự " + what + ".";
    }

    /**
     * The calendar item's DESCRIPTION: the content in short, the chair, what to prepare, whom to
     * contact, and the link to the document.
     */
    static String calendarDescription(DraftContent content, String link) {
        DraftContent.Meeting m = content.meeting();
        List<String> parts = new ArrayList<>();
        parts.add(content.title());
        parts.add("Thời gian: "
                + VietnameseDates.meetingTime(
                        m.start().atZone(OrganisationProperties.VIETNAM),
                        m.end().atZone(OrganisationProperties.VIETNAM)));
        if (notBlank(m.chair())) {
            parts.add("Chủ trì: " + m.chair());
        }
        if (notBlank(m.invitees())) {
            parts.add("Thành phần: " + m.invitees());
        }
        String summary = plain(content.body());
        if (!summary.isEmpty()) {
            parts.add("Nội dung: " + summary);
        }
        if (notBlank(m.preparation())) {
            parts.add("Chuẩn bị: " + m.preparation());
        }
        if (notBlank(m.contact())) {
            parts.add("Liên hệ: " + m.contact());
        }
        if (link != null) {
            parts.add("Văn bản: " + link);
        }
        return String.join("\n", parts);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
