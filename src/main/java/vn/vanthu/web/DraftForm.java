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
import vn.vanthu.document.Circulation;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.DraftRequest;
import vn.vanthu.document.FreeText;
import vn.vanthu.document.PrintRules;
import vn.vanthu.document.Recipient;

/**
 * The drafting form as the browser posts it. Times are typed as dd/MM/yyyy HH:mm (24-hour), Vietnam time, in text
 * fields, not {@code <input type=datetime-local>}, whose display follows the browser's locale (02:00 PM on an
 * English browser). Free recipients are indexed rows (extra[0].name …): a comma never splits a name.
 */
public class DraftForm {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    /** Also read: one-digit day, month and hour ("5/2/2026 8:00"). */
    private static final DateTimeFormatter LENIENT = DateTimeFormatter.ofPattern("d/M/uuuu H:mm")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT); // 31/02 is refused, not read as 28/02

    static final String TIME_FORMAT = "viết dạng ngày/tháng/năm giờ:phút (24 giờ), ví dụ 10/12/2026 14:00.";
    /** Empty free rows offered below the filled ones, so that the form works without JavaScript. */
    static final int SPARE_ROWS = 3;

    public static class FreeRecipient {
        private String name;
        private String email;

        public FreeRecipient() {}

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
    /** "", KHAN, THUONG_KHAN, HOA_TOC */
    private String urgency;
    /** checked: on the public board; the blank form starts from the type's default */
    private Boolean publish;
    /** checked: Lưu hành nội bộ (never published) */
    private boolean internal;
    /** Nơi nhận as printed, one line each; blank: each chosen group one line, each other recipient one line */
    private String printedRecipients;
    /** Staff to consult (xin ý kiến), user ids separated by commas or spaces; used by a consultation route */
    private String consultees;

    private List<Long> entries = new ArrayList<>();
    private List<Long> groups = new ArrayList<>();
    private List<FreeRecipient> extra = new ArrayList<>();

    /** Where each recipient of the last request came from: a free row's index, or -1 for the address book. */
    private final List<Integer> origins = new ArrayList<>();

    static DraftForm blank(String type, boolean publishByDefault) {
        DraftForm form = new DraftForm();
        form.type = type;
        form.publish = publishByDefault;
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
        form.urgency = content.urgency() == null ? "" : content.urgency().name();
        form.publish = content.publish();
        form.internal = content.circulation() == Circulation.NOI_BO;
        form.printedRecipients =
                content.printedRecipients() == null ? null : String.join("\n", content.printedRecipients());
        form.consultees = String.join(", ", content.consultees());
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
            book.stream()
                    .filter(e ->
                            e.email().equalsIgnoreCase(r.getEmail()) && e.name().equals(r.getName()))
                    .findFirst()
                    .ifPresentOrElse(
                            e -> form.entries.add(e.id()),
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

    /** What DocumentService receives: address book entries and groups, free rows; a meeting if the type has one. */
    DraftRequest toRequest(AddressBook book, boolean withMeeting) {
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
        DraftRequest.MeetingInput meeting = withMeeting
                ? new DraftRequest.MeetingInput(
                        offset(meetingStart),
                        offset(meetingEnd),
                        location,
                        chair,
                        invitees,
                        preparation,
                        contact,
                        offset(replyBy))
                : null;
        return new DraftRequest(
                type,
                title,
                body,
                recipients,
                signer,
                meeting,
                urgency,
                internal ? Boolean.FALSE : publish,
                internal ? Circulation.NOI_BO.name() : null,
                printedLines(book, recipients),
                consultees == null || consultees.isBlank()
                        ? List.of()
                        : List.of(consultees.strip().split("[,;\\s]+")));
    }

    /**
     * The drafter's lines; without any, a chosen group prints as one line (its name), and the
     * recipients no chosen group covers one line each (null when no group is chosen: the service
     * then prints one line per recipient).
     */
    private List<String> printedLines(AddressBook book, List<DraftRequest.RecipientInput> recipients) {
        if (printedRecipients != null && !printedRecipients.isBlank()) {
            return List.of(FreeText.normalise(printedRecipients).split("\n"));
        }
        if (groups.isEmpty()) {
            return null;
        }
        List<PrintRules.Group> chosen = book.groups().stream()
                .filter(g -> groups.contains(g.id()))
                .map(g -> new PrintRules.Group(
                        g.name(),
                        g.members().stream()
                                .map(AddressBook.Entry::email)
                                .collect(java.util.stream.Collectors.toSet())))
                .toList();
        return PrintRules.groupedLines(
                chosen,
                recipients.stream()
                        .map(r -> new Recipient(String.valueOf(r.name()), String.valueOf(r.email())))
                        .toList());
    }

    /**
     * The service's field errors keyed by this form's fields: recipients[3].email of a free row
     * becomes extra[1].email; one from the address book goes to the recipients section.
     */
    Map<String, String> formErrors(Map<String, String> serviceErrors) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        serviceErrors.forEach((field, message) -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^recipients\\[(\\d+)](.*)$")
                    .matcher(field);
            if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                int origin = index < origins.size() ? origins.get(index) : -1;
                if (origin >= 0) {
                    errors.put("extra[" + origin + "]" + m.group(2), message);
                } else {
                    errors.merge("recipients", message, (a, b) -> a + " " + b);
                }
            } else if (field.startsWith("printedRecipients")) {
                errors.merge("printedRecipients", message, (a, b) -> a + " " + b);
            } else if (field.equals("meeting.start") && unreadable(meetingStart)) {
                errors.put(field, "Thời gian bắt đầu " + TIME_FORMAT);
            } else if (field.equals("meeting.end") && unreadable(meetingEnd)) {
                errors.put(field, "Thời gian kết thúc " + TIME_FORMAT);
            } else if (field.equals("meeting.replyBy") && unreadable(replyBy)) {
                errors.put(field, "Hạn xác nhận " + TIME_FORMAT);
            } else {
                errors.merge(field.equals("meeting") ? "meeting.start" : field, message, (a, b) -> a + " " + b);
            }
        });
        return errors;
    }

    /** "10/12/2026 08:00" → "2026-12-10T08:00+07:00"; anything else is passed on for the validator to refuse. */
    private static String offset(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        LocalDateTime read = read(local);
        return read == null
                ? local
                : read.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime().toString();
    }

    private static LocalDateTime read(String local) {
        String v = local.strip().replaceAll("\\s+", " ");
        for (DateTimeFormatter f : new DateTimeFormatter[] {LOCAL, LENIENT}) {
            try {
                return LocalDateTime.parse(v, f);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        try {
            return LocalDateTime.parse(v); // 2026-12-10T08:00, as older forms and scripts post it
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean unreadable(String local) {
        return local != null && !local.isBlank() && read(local) == null;
    }

    private static String local(Instant instant) {
        return instant == null
                ? null
                : instant.atZone(OrganisationProperties.VIETNAM)
                        .toLocalDateTime()
                        .format(LOCAL);
    }

    public String getReplyBy() {
        return replyBy;
    }

    public void setReplyBy(String replyBy) {
        this.replyBy = replyBy;
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

    public String getUrgency() {
        return urgency;
    }

    public void setUrgency(String urgency) {
        this.urgency = urgency;
    }

    public Boolean getPublish() {
        return publish;
    }

    public void setPublish(Boolean publish) {
        this.publish = publish;
    }

    public boolean isInternal() {
        return internal;
    }

    public void setInternal(boolean internal) {
        this.internal = internal;
    }

    public String getConsultees() {
        return consultees;
    }

    public void setConsultees(String consultees) {
        this.consultees = consultees;
    }

    public String getPrintedRecipients() {
        return printedRecipients;
    }

    public void setPrintedRecipients(String printedRecipients) {
        this.printedRecipients = printedRecipients;
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
