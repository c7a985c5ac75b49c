package vn.vanthu.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.AddressBook;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.DraftRequest;
import vn.vanthu.document.Recipient;

/**
 * The drafting form as the browser posts it. Times come from {@code <input type=datetime-local>}
 * without a zone and mean Vietnam time. Free recipients are indexed rows (extra[0].name …) so that
 * a name with a comma is never split by Spring's list binding.
 */
public class DraftForm {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    /** Empty free rows offered below the filled ones, so that the form works without JavaScript. */
    static final int SPARE_ROWS = 3;

    public static class FreeRecipient {
        private String name;
        private String email;

        public FreeRecipient() {
        }

        FreeRecipient(String name, String email) {
            this.name = name;
            this.email = email;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }

        boolean blank() {
            return (name == null || name.isBlank()) && (email == null || email.isBlank());
        }
    }

    private String type;
    private String title;
    private String body;
    private String meetingStart;
    private String meetingEnd;
    private String location;
    private String chair;
    private String invitees;
    private String preparation;
    private String contact;
    // issue 14, the invitation email: "Đề nghị xác nhận trước …"
    private String replyBy;
    private String signer;
    private List<Long> entries = new ArrayList<>();
    private List<Long> groups = new ArrayList<>();
    private List<FreeRecipient> extra = new ArrayList<>();

    /** Where each recipient of the last request came from: a free row's index, or -1 for the address book. */
    private final List<Integer> origins = new ArrayList<>();

    static DraftForm blank(String type) {
        DraftForm form = new DraftForm();
        form.type = type;
        form.padRows();
        return form;
    }

    /** The form filled with a saved version: address-book emails are ticked, the rest become free rows. */
    static DraftForm of(String type, DraftContent content, List<AddressBook.Entry> book) {
        DraftForm form = new DraftForm();
        form.type = type;
        form.title = content.title();
        form.body = content.body();
        form.signer = content.signer();
        if (content.meeting() != null) {
            DraftContent.Meeting m = content.meeting();
            form.meetingStart = local(m.start());
            form.meetingEnd = local(m.end());
            form.location = m.location();
            form.chair = m.chair();
            form.invitees = m.invitees();
            form.preparation = m.preparation();
            form.contact = m.contact();
            form.replyBy = local(m.replyBy());
        }
        for (Recipient r : content.recipients()) {
            book.stream().filter(e -> e.email().equalsIgnoreCase(r.getEmail())
                            && e.name().equals(r.getName())).findFirst()
                    .ifPresentOrElse(e -> form.entries.add(e.id()),
                            () -> form.extra.add(new FreeRecipient(r.getName(), r.getEmail())));
        }
        form.padRows();
        return form;
    }

    void padRows() {
        extra.removeIf(FreeRecipient::blank);
        for (int i = 0; i < SPARE_ROWS; i++) {
            extra.add(new FreeRecipient());
        }
    }

    /** After a refused save: keep the rows where they were (errors point at their indexes), add one if all are filled. */
    void ensureSpareRow() {
        if (extra.stream().noneMatch(r -> r == null || r.blank())) {
            extra.add(new FreeRecipient());
        }
        extra.replaceAll(r -> r == null ? new FreeRecipient() : r);
    }

    /** What DocumentService receives: ticked entries and groups (each address once), then the free rows. */
    DraftRequest toRequest(AddressBook book) {
        origins.clear();
        List<DraftRequest.RecipientInput> recipients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AddressBook.Entry e : book.resolve(entries, groups)) {
            if (seen.add(e.email().toLowerCase(Locale.ROOT))) {
                recipients.add(new DraftRequest.RecipientInput(e.name(), e.email()));
                origins.add(-1);
            }
        }
        for (int i = 0; i < extra.size(); i++) {
            FreeRecipient row = extra.get(i);
            if (row != null && !row.blank()) {
                recipients.add(new DraftRequest.RecipientInput(row.name, row.email));
                origins.add(i);
            }
        }
        DraftRequest.MeetingInput meeting = "GM".equals(type) ? new DraftRequest.MeetingInput(
                offset(meetingStart), offset(meetingEnd), location, chair, invitees, preparation, contact,
                offset(replyBy)) : null;
        return new DraftRequest(type, title, body, recipients, signer, meeting);
    }

    /**
     * The service's field errors keyed by this form's fields: recipients[3].email of a free row
     * becomes extra[1].email; one from the address book goes to the recipients section.
     */
    Map<String, String> formErrors(Map<String, String> serviceErrors) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        serviceErrors.forEach((field, message) -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^recipients\\[(\\d+)](.*)$").matcher(field);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                int origin = index < origins.size() ? origins.get(index) : -1;
                if (origin >= 0) {
                    errors.put("extra[" + origin + "]" + m.group(2), message);
                } else {
                    errors.merge("recipients", message, (a, b) -> a + " " + b);
                }
            } else {
                errors.merge(field.equals("meeting") ? "meeting.start" : field, message, (a, b) -> a + " " + b);
            }
        });
        return errors;
    }

    /** "2026-12-10T08:00" → "2026-12-10T08:00+07:00"; anything else is passed on for the validator to name. */
    private static String offset(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.trim()).atZone(OrganisationProperties.VIETNAM).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    private static String local(Instant instant) {
        return instant == null ? null : instant.atZone(OrganisationProperties.VIETNAM).toLocalDateTime().format(LOCAL);
    }

    public String getReplyBy() {
        return replyBy;
    }

    public void setReplyBy(String replyBy) {
        this.replyBy = replyBy;
    }

    public boolean isInvitation() {
        return "GM".equals(type);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getMeetingStart() {
        return meetingStart;
    }

    public void setMeetingStart(String meetingStart) {
        this.meetingStart = meetingStart;
    }

    public String getMeetingEnd() {
        return meetingEnd;
    }

    public void setMeetingEnd(String meetingEnd) {
        this.meetingEnd = meetingEnd;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getChair() {
        return chair;
    }

    public void setChair(String chair) {
        this.chair = chair;
    }

    public String getInvitees() {
        return invitees;
    }

    public void setInvitees(String invitees) {
        this.invitees = invitees;
    }

    public String getPreparation() {
        return preparation;
    }

    public void setPreparation(String preparation) {
        this.preparation = preparation;
    }

    public String getContact() {
        return contact;
    }

    public void setContact(String contact) {
        this.contact = contact;
    }

    public String getSigner() {
        return signer;
    }

    public void setSigner(String signer) {
        this.signer = signer;
    }

    public List<Long> getEntries() {
        return entries;
    }

    public void setEntries(List<Long> entries) {
        this.entries = entries == null ? new ArrayList<>() : entries;
    }

    public List<Long> getGroups() {
        return groups;
    }

    public void setGroups(List<Long> groups) {
        this.groups = groups == null ? new ArrayList<>() : groups;
    }

    public List<FreeRecipient> getExtra() {
        return extra;
    }

    public void setExtra(List<FreeRecipient> extra) {
        this.extra = extra == null ? new ArrayList<>() : extra;
    }
}
