package vn.vanthu.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The drafting form's fields as the browser posts them; {@link DraftFormMapper} turns them into a
 * request and back. Times are text as typed (dd/MM/yyyy HH:mm). Free recipients are indexed rows
 * (extra[0].name …): a comma never splits a name.
 */
class DraftForm {

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
    /** checked: an invitee may send someone in their place; a new form starts checked */
    private boolean allowSubstitute = true;

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

    static DraftForm blank(String type, boolean publishByDefault) {
        DraftForm form = new DraftForm();
        form.type = type;
        form.publish = publishByDefault;
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

    public boolean isAllowSubstitute() {
        return allowSubstitute;
    }

    public void setAllowSubstitute(boolean allowSubstitute) {
        this.allowSubstitute = allowSubstitute;
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
