package vn.vanthu.distribution;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;

/**
 * The iTIP/iMIP part of an invitation email (RFC 5545/6047): a REQUEST that mail clients offer to
 * add to the calendar, and a CANCEL with the same UID when the invitation is recalled.
 */
final class InvitationCalendar {

    private InvitationCalendar() {
    }

    record Meeting(String uid, String summary, Instant start, Instant end, String location, String description) {
    }

    record Person(String name, String email) {
    }

    static String request(Meeting meeting, Person organizer, Person attendee, Instant stamp) {
        return build(Method.VALUE_REQUEST, 0, Status.VALUE_CONFIRMED, meeting, organizer, attendee, stamp);
    }

    /** SEQUENCE goes up so that clients apply the cancel over the request they hold. */
    static String cancel(Meeting meeting, Person organizer, Person attendee, Instant stamp) {
        return build(Method.VALUE_CANCEL, 1, Status.VALUE_CANCELLED, meeting, organizer, attendee, stamp);
    }

    private static String build(String method, int sequence, String status, Meeting meeting, Person organizer,
                                Person attendee, Instant stamp) {
        VEvent event = new VEvent(meeting.start(), meeting.end(), meeting.summary());
        event.add(new Uid(meeting.uid()));
        event.add(new Sequence(sequence));
        event.add(new DtStamp(stamp));
        event.add(new Location(meeting.location()));
        event.add(new Status(status));
        if (meeting.description() != null) {
            event.add(new Description(meeting.description()));
        }
        event.add(new Organizer(new ParameterList(List.of(new Cn(organizer.name()))),
                URI.create("mailto:" + organizer.email())));
        event.add(new Attendee(new ParameterList(List.of(new Cn(attendee.name()), Role.REQ_PARTICIPANT,
                PartStat.NEEDS_ACTION, Rsvp.TRUE)), URI.create("mailto:" + attendee.email())));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Van thu//Giay moi//VI"));
        calendar.add(new Version(new ParameterList(), Version.VALUE_2_0));
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        calendar.add(new Method(method));
        calendar.add(event);
        return calendar.toString();
    }
}
