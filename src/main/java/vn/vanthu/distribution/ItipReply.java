package vn.vanthu.distribution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An iTIP REPLY (RFC 5546, 3.2.3) as a calendar client sends it when an invitee clicks Yes / No /
 * Maybe: METHOD:REPLY, one VEVENT with the invitation's UID, its ORGANIZER and the answering
 * ATTENDEE with PARTSTAT. Read by hand rather than with ical4j, which would resolve the clients'
 * VTIMEZONEs and is not needed for four properties: lines are unfolded (RFC 5545, 3.1), each
 * content line split into name, parameters (quoted values may hold ; and :) and value.
 */
final class ItipReply {

    /** The larger part is not a reply from a calendar client. */
    static final int MAX_LENGTH = 256 * 1024;

    /** The answer a reply carries. */
    public enum PartStat {
        ACCEPTED,
        DECLINED,
        TENTATIVE
    }

    /** uid, organizer and attendee emails lower-cased; comment (the invitee's note) may be null. */
    public record Reply(String uid, String organizer, String attendee, PartStat partStat, String comment) {}

    private ItipReply() {}

    /** The reply in this iCalendar text; empty if it is not one REPLY with a known PARTSTAT. */
    public static Optional<Reply> parse(String ics) {
        if (ics == null || ics.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        List<Line> lines = lines(ics);
        String method = null;
        int events = 0;
        boolean inEvent = false;
        String uid = null;
        String organizer = null;
        String comment = null;
        List<Line> attendees = new ArrayList<>();
        for (Line line : lines) {
            switch (line.name()) {
                case "BEGIN" -> {
                    if ("VEVENT".equalsIgnoreCase(line.value())) {
                        inEvent = true;
                        events++;
                    }
                }
                case "END" -> {
                    if ("VEVENT".equalsIgnoreCase(line.value())) {
                        inEvent = false;
                    }
                }
                case "METHOD" -> method = line.value().trim();
                case "UID" -> uid = inEvent ? line.value().trim() : uid;
                case "ORGANIZER" -> organizer = inEvent ? mailto(line.value()) : organizer;
                case "ATTENDEE" -> {
                    if (inEvent) {
                        attendees.add(line);
                    }
                }
                case "COMMENT" -> comment = inEvent ? unescape(line.value()) : comment;
                default -> {}
            }
        }
        // a REPLY is about one event and comes from one attendee (RFC 5546, 3.2.3)
        if (!"REPLY".equalsIgnoreCase(method)
                || events != 1
                || uid == null
                || uid.isEmpty()
                || organizer == null
                || attendees.size() != 1) {
            return Optional.empty();
        }
        Line attendee = attendees.get(0);
        String email = mailto(attendee.value());
        String partStat = attendee.parameters().get("PARTSTAT");
        if (email == null || partStat == null) {
            return Optional.empty();
        }
        PartStat answer;
        try {
            answer = PartStat.valueOf(partStat.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // NEEDS-ACTION, DELEGATED, an X- value: no answer we record
        }
        if (comment != null && comment.isBlank()) {
            comment = null;
        }
        return Optional.of(new Reply(uid, organizer, email, answer, comment));
    }

    record Line(String name, Map<String, String> parameters, String value) {}

    /** Unfolded content lines: a line starting with a space or tab continues the previous one. */
    static List<Line> lines(String ics) {
        List<String> unfolded = new ArrayList<>();
        for (String raw : ics.split("\r\n|\n|\r", -1)) {
            if (!raw.isEmpty() && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t') && !unfolded.isEmpty()) {
                int last = unfolded.size() - 1;
                unfolded.set(last, unfolded.get(last) + raw.substring(1));
            } else {
                unfolded.add(raw);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (String line : unfolded) {
            Line parsed = line(line);
            if (parsed != null) {
                lines.add(parsed);
            }
        }
        return lines;
    }

    /** name *(";" param "=" value) ":" value; a quoted parameter value may hold ";", ":" and ",". */
    static Line line(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) != ';' && text.charAt(i) != ':') {
            i++;
        }
        if (i == 0 || i == n) {
            return null;
        }
        String name = text.substring(0, i).trim().toUpperCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        while (i < n && text.charAt(i) == ';') {
            int start = ++i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ';' && text.charAt(i) != ':') {
                i++;
            }
            String key = text.substring(start, i).trim().toUpperCase(Locale.ROOT);
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '=') {
                i++;
                boolean quoted = false;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted && (c == ';' || c == ':')) {
                        break;
                    } else {
                        value.append(c);
                    }
                    i++;
                }
            }
            parameters.putIfAbsent(key, value.toString());
        }
        if (i >= n || text.charAt(i) != ':') {
            return null;
        }
        return new Line(name, parameters, text.substring(i + 1));
    }

    /** "mailto:Nguoi1@Example.vn" → "nguoi1@example.vn"; null when it is not a mailto address. */
    static String mailto(String value) {
        String v = value == null ? "" : value.trim();
        if (!v.regionMatches(true, 0, "mailto:", 0, 7)) {
            return null;
        }
        String email = v.substring(7).trim().toLowerCase(Locale.ROOT);
        return email.isEmpty() || email.length() > 320 || email.indexOf('@') < 1 ? null : email;
    }

    /** TEXT value escapes (RFC 5545, 3.3.11). */
    static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
