package vn.vanthu.distribution;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Priority;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;

/**
 * The iTIP/iMIP part of an invitation email (RFC 5545/6047): a REQUEST that mail clients offer to
 * add to the calendar, and a CANCEL with the same UID when the invitation is recalled.
 *
 * <p>Free text reaches this part from drafts and the address book. ical4j escapes backslash, ; , and
 * LF in TEXT values but not a bare CR, which the quoted-printable encoder turns into a line
 * break, i.e. a new property (a second DTSTART, an extra ATTENDEE). So every text is normalised
 * first (line breaks to LF, other controls dropped), parameter values lose line breaks and quotes
 * altogether, and the output is folded at 75 octets (RFC 5545, 3.1).
 */
final class InvitationCalendar {

    private InvitationCalendar() {}

    /** ical4j's bundled definition of the zone, read once, on first use. */
    private static final class Zone {
        static final VTimeZone VIETNAM = TimeZoneRegistryFactory.getInstance()
                .createRegistry()
                .getTimeZone(TIME_ZONE)
                .getVTimeZone();
    }

    /** The office's time zone: events carry it (TZID and its VTIMEZONE), not UTC. */
    static final String TIME_ZONE = "Asia/Ho_Chi_Minh";

    /**
     * @param priority RFC 5545 PRIORITY: 1 for an urgent invitation (KHẨN, THƯỢNG KHẨN, HỎA TỐC); 0: none
     */
    record Meeting(
            String uid, String summary, Instant start, Instant end, String location, String description, int priority) {

        Meeting(String uid, String summary, Instant start, Instant end, String location, String description) {
            this(uid, summary, start, end, location, description, 0);
        }
    }

    record Person(String name, String email) {}

    static String request(Meeting meeting, Person organizer, Person attendee, Instant stamp) {
        return build(Method.VALUE_REQUEST, 0, Status.VALUE_CONFIRMED, meeting, organizer, attendee, stamp);
    }

    /** SEQUENCE goes up so that clients apply the cancel over the request they hold. */
    static String cancel(Meeting meeting, Person organizer, Person attendee, Instant stamp) {
        return build(Method.VALUE_CANCEL, 1, Status.VALUE_CANCELLED, meeting, organizer, attendee, stamp);
    }

    private static String build(
            String method,
            int sequence,
            String status,
            Meeting meeting,
            Person organizer,
            Person attendee,
            Instant stamp) {
        // local times with TZID=Asia/Ho_Chi_Minh, its VTIMEZONE in the calendar: what the office reads
        VTimeZone zone = Zone.VIETNAM;
        TzId tzId = new TzId(TIME_ZONE);
        ZoneId vietnam = ZoneId.of(TIME_ZONE);
        VEvent event =
                new VEvent(meeting.start().atZone(vietnam), meeting.end().atZone(vietnam), text(meeting.summary()));
        event.getProperty(Property.DTSTART).ifPresent(p -> p.replace(tzId));
        event.getProperty(Property.DTEND).ifPresent(p -> p.replace(tzId));
        event.add(new Uid(meeting.uid()));
        event.add(new Sequence(sequence));
        // the constructor already added a DTSTAMP of its own; RFC 5545 allows exactly one
        event.replace(new DtStamp(stamp));
        event.add(new Location(text(meeting.location())));
        event.add(new Status(status));
        if (meeting.priority() > 0) {
            event.add(new Priority(meeting.priority()));
        }
        if (meeting.description() != null) {
            event.add(new Description(text(meeting.description())));
        }
        event.add(new Organizer(
                new ParameterList(List.of(new Cn(parameter(organizer.name())))),
                URI.create("mailto:" + organizer.email())));
        event.add(new Attendee(
                new ParameterList(List.of(
                        new Cn(parameter(attendee.name())), Role.REQ_PARTICIPANT, PartStat.NEEDS_ACTION, Rsvp.TRUE)),
                URI.create("mailto:" + attendee.email())));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Van thu//Giay moi//VI"));
        calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        calendar.add(new Method(method));
        calendar.add(zone);
        calendar.add(event);
        return fold(calendar.toString());
    }

    /** A TEXT value with every kind of line break as LF (ical4j escapes it) and no other controls. */
    static String text(String value) {
        if (value == null) {
            return null;
        }
        String lines = value.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder clean = new StringBuilder(lines.length());
        lines.codePoints()
                .filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c))
                .forEach(clean::appendCodePoint);
        return clean.toString();
    }

    /**
     * A parameter value (CN): RFC 5545 has no escape for line breaks or DQUOTE inside one, so
     * controls become spaces and a double quote a single one.
     */
    static String parameter(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(value.length());
        value.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c == '"' ? '\'' : c)
                .forEach(clean::appendCodePoint);
        return clean.toString().strip();
    }

    /** Folds each CRLF-ended line at 75 octets of UTF-8, never inside a character. */
    static String fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 50);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            int limit = 75;
            for (int i = 0; i < line.length(); ) {
                int c = line.codePointAt(i);
                int size = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + size > limit) {
                    out.append("\r\n ");
                    octets = 0;
                    limit = 74; // the leading space of a continuation line counts
                }
                out.appendCodePoint(c);
                octets += size;
                i += Character.charCount(c);
            }
            out.append("\r\n");
        }
        return out.toString();
    }
}
