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
 * The drafting form ({@link DraftForm}) to and from the service: a saved version shown in the form,
 * a post turned into a {@link DraftRequest}, the service's refusals put beside the form's fields.
 * One mapper a post: it remembers where each recipient of its request came from. Times are typed as
 * dd/MM/yyyy HH:mm (24-hour), Vietnam time, in text fields, not {@code <input type=datetime-local>},
 * whose display follows the browser's locale (02:00 PM on an English browser).
 */
final class DraftFormMapper {

    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm").withResolverStyle(java.time.format.ResolverStyle.STRICT);
    /** Also read: one-digit day, month and hour ("5/2/2026 8:00"). */
    private static final DateTimeFormatter LENIENT = DateTimeFormatter.ofPattern("d/M/uuuu H:mm")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT); // 31/02 is refused, not read as 28/02

    static final String TIME_FORMAT = "viết dạng ngày/tháng/năm giờ:phút (24 giờ), ví dụ 10/12/2026 14:00.";

    private final DraftForm form;
    /** Where each recipient of the last request came from: a free row's index, or -1 for the address book. */
    private final List<Integer> origins = new ArrayList<>();

    DraftFormMapper(DraftForm form) {
        this.form = form;
    }

    DraftForm form() {
        return form;
    }

    /** The form filled with a saved version: address-book emails are ticked, the rest become free rows. */
    static DraftForm formOf(String type, DraftContent content, List<AddressBook.Entry> book) {
        return formOf(type, content, book, List.of());
    }

    /**
     * As above, with the groups the drafter ticked ticked again and their members not ticked singly.
     * A group is restored only while all its members are still among the recipients: one whose
     * membership grew since would otherwise add recipients on the next save without anyone seeing it.
     */
    static DraftForm formOf(
            String type, DraftContent content, List<AddressBook.Entry> book, List<AddressBook.RecipientGroup> groups) {
        DraftForm form = new DraftForm();
        Set<String> emails = new HashSet<>();
        content.recipients()
                .forEach(r -> emails.add(String.valueOf(r.getEmail()).toLowerCase(Locale.ROOT)));
        Set<Long> covered = new HashSet<>();
        for (AddressBook.RecipientGroup g : groups) {
            if (content.recipientGroups().contains(g.id())
                    && !g.members().isEmpty()
                    && g.members().stream()
                            .allMatch(m -> emails.contains(m.email().toLowerCase(Locale.ROOT)))) {
                form.getGroups().add(g.id());
                g.members().forEach(m -> covered.add(m.id()));
            }
        }
        form.setType(type);
        form.setTitle(content.title());
        form.setBody(content.body());
        form.setSigner(content.signer());
        form.setUrgency(content.urgency() == null ? "" : content.urgency().name());
        form.setPublish(content.publish());
        form.setInternal(content.circulation() == Circulation.NOI_BO);
        form.setPrintedRecipients(
                content.printedRecipients() == null ? null : String.join("\n", content.printedRecipients()));
        form.setConsultees(String.join(", ", content.consultees()));
        if (content.meeting() != null) {
            DraftContent.Meeting m = content.meeting();
            form.setMeetingStart(local(m.start()));
            form.setMeetingEnd(local(m.end()));
            form.setLocation(m.location());
            form.setChair(m.chair());
            form.setInvitees(m.invitees());
            form.setPreparation(m.preparation());
            form.setContact(m.contact());
            form.setReplyBy(local(m.replyBy()));
            form.setAllowSubstitute(m.allowSubstitute());
        }
        for (Recipient r : content.recipients()) {
            book.stream()
                    .filter(e ->
                            e.email().equalsIgnoreCase(r.getEmail()) && e.name().equals(r.getName()))
                    .findFirst()
                    .ifPresentOrElse(
                            e -> {
                                if (!covered.contains(e.id())) {
                                    form.getEntries().add(e.id());
                                }
                            },
                            () -> form.getExtra().add(new DraftForm.FreeRecipient(r.getName(), r.getEmail())));
        }
        form.padRows();
        return form;
    }

    /** What DocumentService receives: address book entries and groups, free rows; a meeting if the type has one. */
    DraftRequest toRequest(AddressBook book, boolean withMeeting) {
        origins.clear();
        List<DraftRequest.RecipientInput> recipients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AddressBook.Entry e : book.resolve(form.getEntries(), form.getGroups())) {
            if (seen.add(e.email().toLowerCase(Locale.ROOT))) {
                recipients.add(new DraftRequest.RecipientInput(e.name(), e.email()));
                origins.add(-1);
            }
        }
        for (int i = 0; i < form.getExtra().size(); i++) {
            DraftForm.FreeRecipient row = form.getExtra().get(i);
            if (row != null && !row.blank()) {
                recipients.add(new DraftRequest.RecipientInput(row.getName(), row.getEmail()));
                origins.add(i);
            }
        }
        DraftRequest.MeetingInput meeting = withMeeting
                ? new DraftRequest.MeetingInput(
                        offset(form.getMeetingStart()),
                        offset(form.getMeetingEnd()),
                        form.getLocation(),
                        form.getChair(),
                        form.getInvitees(),
                        form.getPreparation(),
                        form.getContact(),
                        offset(form.getReplyBy()),
                        form.isAllowSubstitute())
                : null;
        return new DraftRequest(
                form.getType(),
                form.getTitle(),
                form.getBody(),
                recipients,
                form.getSigner(),
                meeting,
                form.getUrgency(),
                form.isInternal() ? Boolean.FALSE : form.getPublish(),
                form.isInternal() ? Circulation.NOI_BO.name() : null,
                printedLines(book, recipients),
                form.getConsultees() == null || form.getConsultees().isBlank()
                        ? List.of()
                        : List.of(form.getConsultees().strip().split("[,;\\s]+")),
                // remembered so that the edit page shows the group ticked; unknown ids are dropped
                form.getGroups().isEmpty()
                        ? List.of()
                        : book.groups().stream()
                                .map(AddressBook.RecipientGroup::id)
                                .filter(form.getGroups()::contains)
                                .toList());
    }

    /**
     * The drafter's lines; without any, a chosen group prints as one line (its name), and the
     * recipients no chosen group covers one line each (null when no group is chosen: the service
     * then prints one line per recipient).
     */
    private List<String> printedLines(AddressBook book, List<DraftRequest.RecipientInput> recipients) {
        String printedRecipients = form.getPrintedRecipients();
        if (printedRecipients != null && !printedRecipients.isBlank()) {
            return List.of(FreeText.normalise(printedRecipients).split("\n"));
        }
        List<Long> groups = form.getGroups();
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
            } else if (field.equals("meeting.start") && unreadable(form.getMeetingStart())) {
                errors.put(field, "Thời gian bắt đầu " + TIME_FORMAT);
            } else if (field.equals("meeting.end") && unreadable(form.getMeetingEnd())) {
                errors.put(field, "Thời gian kết thúc " + TIME_FORMAT);
            } else if (field.equals("meeting.replyBy") && unreadable(form.getReplyBy())) {
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
}
