package vn.vanthu.document;

import java.util.Set;
import vn.vanthu.directory.Groups;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;

/**
 * Who may do what to which document: every rule of DESIGN §1 and §4 in one place, so that the
 * API, the web pages and the workflow ask the same question. Plain Java (no Spring in the rules):
 * {@code AccessPolicyTest} walks its whole table without a context.
 * <p>
 * A refusal is one of two kinds: the person may not (403, {@link Verdict#FORBIDDEN}), or the
 * person may but the document is not in a state that allows it now (409, {@link Verdict#CONFLICT}).
 * Who is asked first, so that nobody learns a document's state from an action they may not take.
 */
public class AccessPolicy {

    /** What someone wants to do. */
    public enum Action {
        /**
         * Read a document's page, JSON, history: an issued (or recalled) one, all staff; a draft,
         * only its drafter, the reviewers, its chosen signer and the clerks.
         */
        VIEW_DOCUMENT(
                "Chỉ người soạn thảo, lãnh đạo Văn phòng, lãnh đạo được chọn ký và văn thư mới xem được dự thảo này."),
        /** The rendered or signed PDF: as {@link #VIEW_DOCUMENT}. */
        VIEW_PDF("Chỉ người soạn thảo, lãnh đạo Văn phòng, lãnh đạo được chọn ký và văn thư mới xem được dự thảo này."),
        CREATE_DRAFT("Chỉ chuyên viên soạn thảo (nhóm drafters) mới tạo được dự thảo."),
        /** Its drafter, while DRAFT or RETURNED. */
        EDIT_DRAFT("Chỉ người soạn thảo văn bản này mới được sửa."),
        /** Its drafter: the first time (DRAFT) or after a return (RETURNED). */
        SUBMIT("Chỉ người soạn thảo văn bản này mới trình được."),
        /**
         * A review level: whoever the route gives the task to (its candidate groups or assignee),
         * never the draft's own drafter.
         */
        COMPLETE_REVIEW(
                "Chỉ người được quy trình giao bước thẩm định này mới thẩm định được, và không thẩm định dự thảo của chính mình."),
        /** An opinion asked of a person or board: the task's own holder. */
        COMPLETE_CONSULT("Chỉ người được xin ý kiến mới góp ý được ở bước này."),
        /** A meeting's outcome: whoever the route gives the task to (the office). */
        COMPLETE_MEETING("Chỉ người được quy trình giao mới ghi được kết quả hội nghị."),
        /** The document's own signer, whoever the engine's task is assigned to. */
        COMPLETE_SIGN("Chỉ lãnh đạo được chọn ký văn bản này mới ký được, và không ký dự thảo của chính mình."),
        /** The document's own signer, while the remote signing service waits for their approval. */
        CANCEL_REMOTE_SIGNATURE("Chỉ lãnh đạo được chọn ký văn bản này mới hủy được yêu cầu ký trên thiết bị."),
        /** The document's drafter: resubmit or withdraw. */
        COMPLETE_REVISE("Chỉ người soạn thảo mới chỉnh sửa được dự thảo của mình."),
        /** The clerks' task after issuing failed: issue again, or return the draft to its drafter. */
        RESOLVE_ISSUE_FAILURE("Chỉ văn thư mới xử lý được lỗi ban hành."),
        RECALL("Chỉ văn thư mới thu hồi được văn bản."),
        RETRY_DELIVERY("Chỉ văn thư mới gửi lại được thư."),
        LIST_FAILED_DELIVERIES("Chỉ văn thư mới xem được danh sách thư gửi lỗi."),
        READ_REGISTER("Chỉ cán bộ Văn phòng và lãnh đạo mới xem được sổ văn bản đi."),
        /** The embedded mail server's mailbox: every recipient's email with their personal links. */
        READ_MAILBOX("Chỉ văn thư và quản trị viên mới xem được hộp thư thử nghiệm."),
        /** The staff pages without a document (task list, drafts list...). */
        USE_STAFF_PAGES("Chỉ cán bộ Văn phòng và lãnh đạo mới dùng được trang này."),
        /** One's own signing PIN (page /ma-pin-ky-so, PUT /api/me/signing-pin): leaders who sign. */
        CHANGE_SIGNING_PIN("Chỉ lãnh đạo ký văn bản (nhóm signers) mới có mã PIN ký số để đổi."),
        /** Present one's own token certificate for enrolment (POST /api/me/signing-certificate): leaders who sign. */
        PRESENT_SIGNING_CERTIFICATE("Chỉ lãnh đạo ký văn bản (nhóm signers) mới đăng ký được chứng thư số ký."),
        /**
         * Approve, refuse or upload a signer's certificate (/api/admin/signing-certificates…):
         * administrators, as for accounts, since the certificate decides whose signature is the leader's.
         */
        MANAGE_SIGNING_CERTIFICATES("Chỉ quản trị viên mới duyệt được chứng thư số của lãnh đạo."),
        /**
         * "Nhắc người chưa trả lời" of an issued invitation: the clerks, who run the meeting's
         * logistics, and the document's own signer (issue 14).
         */
        REMIND_INVITEES("Chỉ văn thư và lãnh đạo ký giấy mời mới nhắc được người chưa trả lời."),
        /** One's own calendar feed link (/lich-hop): every staff member, for themselves. */
        MANAGE_CALENDAR_FEED("Chỉ cán bộ Văn phòng và lãnh đạo mới có lịch họp riêng."),
        /** The security audit trail (page /quan-tri/nhat-ky): administrators. */
        READ_SECURITY_LOG("Chỉ quản trị viên mới xem được nhật ký an ninh."),
        /** The address book, recipient groups and signers' positions (pages under /danh-ba). */
        MANAGE_ADDRESS_BOOK("Chỉ văn thư và quản trị viên mới sửa được danh bạ nơi nhận."),
        /**
         * Staff accounts (create, groups, password): administrators only, since whoever may put a
         * person into a group may make themselves a signer or an administrator.
         */
        MANAGE_ACCOUNTS("Chỉ quản trị viên mới quản lý được tài khoản cán bộ."),
        /**
         * One's own absences and who signs meanwhile (page /vang-mat, /api/me/absences): leaders who
         * sign; the deputy they name is checked by absence.Absences.
         */
        RECORD_ABSENCE("Chỉ lãnh đạo ký văn bản (nhóm signers) mới ghi lịch vắng mặt và người ký thay."),
        /** A leader's absence recorded for them (POST /api/admin/absences): the clerks, who keep the leaders' diary. */
        RECORD_ABSENCE_FOR_LEADER("Chỉ văn thư và quản trị viên mới ghi lịch vắng mặt cho lãnh đạo."),
        /**
         * Cancel an absence: past this door, absence.Absences lets a leader cancel only their own;
         * administrators cancel any.
         */
        CANCEL_ABSENCE("Chỉ lãnh đạo vắng mặt hoặc quản trị viên mới hủy được lịch vắng mặt."),
        /** Correct a recipient's address and send again, or record a delivery on paper. */
        CORRECT_DELIVERY("Chỉ văn thư mới sửa được địa chỉ nơi nhận và ghi nhận gửi bản giấy."),
        /**
         * Deploy the routes an office draws and bind them to document types (/api/admin/routes…,
         * /quan-tri/quy-trinh): administrators, since a route decides who reviews and who signs.
         */
        MANAGE_ROUTES("Chỉ quản trị viên mới triển khai và gán được quy trình."),
        /** An online backup of the embedded H2 database and the shared folder (POST /api/admin/backup): administrators. */
        MAKE_BACKUP("Chỉ quản trị viên mới sao lưu được dữ liệu.");

        private final String refusal;

        Action(String refusal) {
            this.refusal = refusal;
        }

        /** Why a person who may not is refused, in Vietnamese. */
        public String refusal() {
            return refusal;
        }

        /** Whether the rule needs the document (drafter, signer, status). */
        public boolean aboutDocument() {
            return switch (this) {
                case VIEW_DOCUMENT,
                        VIEW_PDF,
                        EDIT_DRAFT,
                        SUBMIT,
                        COMPLETE_REVIEW,
                        COMPLETE_CONSULT,
                        COMPLETE_MEETING,
                        COMPLETE_SIGN,
                        CANCEL_REMOTE_SIGNATURE,
                        COMPLETE_REVISE,
                        RESOLVE_ISSUE_FAILURE,
                        RECALL,
                        REMIND_INVITEES -> true;
                default -> false;
            };
        }
    }

    public enum Verdict {
        ALLOWED,
        FORBIDDEN,
        CONFLICT
    }

    /**
     * Who a route gives a step to: user ids (assignee, candidate users) and candidate groups. For a
     * task's completion, that task's holders; for reading a draft, everyone who holds or held one of
     * its steps.
     */
    public record Holders(Set<String> users, Set<String> groups) {
        public static final Holders NONE = new Holders(Set.of(), Set.of());

        public Holders {
            users = Set.copyOf(users);
            groups = Set.copyOf(groups);
        }

        public boolean include(Caller caller) {
            return users.contains(caller.userId()) || groups.stream().anyMatch(caller::isIn);
        }
    }

    /** What the rules need to know of a document, and of who holds the step being asked about. */
    public record Subject(String drafter, String signer, DocumentStatus status, Holders holders) {
        public Subject(String drafter, String signer, DocumentStatus status) {
            this(drafter, signer, status, Holders.NONE);
        }

        public static Subject of(Document document) {
            return new Subject(document.getDrafter(), document.getSigner(), document.getStatus());
        }

        public Subject heldBy(Holders holders) {
            return new Subject(drafter, signer, status, holders);
        }
    }

    private static final Set<DocumentStatus> SUBMITTABLE = Set.of(DocumentStatus.DRAFT, DocumentStatus.RETURNED);
    /** What the organisation has issued: every staff member may read it (a draft never was, even when it ended). */
    private static final Set<DocumentStatus> PUBLISHED = Set.of(DocumentStatus.ISSUED, DocumentStatus.RECALLED);

    /** Whether the clerks read drafts ({@code vanthu.security.clerks-read-drafts}): an office may keep them to the issued. */
    private final boolean clerksReadDrafts;

    /** The rules as DESIGN §1 gives them: clerks read drafts too. */
    public AccessPolicy() {
        this(true);
    }

    public AccessPolicy(boolean clerksReadDrafts) {
        this.clerksReadDrafts = clerksReadDrafts;
    }

    public Verdict decide(Caller caller, Action action, Subject document) {
        if (caller == null || caller.userId() == null) {
            return Verdict.FORBIDDEN;
        }
        if (action.aboutDocument() && document == null) {
            throw new IllegalArgumentException(action + " needs the document");
        }
        boolean who = switch (action) {
            case VIEW_DOCUMENT, VIEW_PDF ->
                caller.isStaff()
                        && (PUBLISHED.contains(document.status())
                                || caller.userId().equals(document.drafter())
                                || caller.userId().equals(document.signer())
                                || seesEveryDraft(caller)
                                // those the route gave a step of it (a deputy reviewer, a consulted board)
                                || document.holders().include(caller)
                                // the clerks hold a document whose issuing failed, whatever the setting
                                || (document.status() == DocumentStatus.ISSUE_FAILED && isClerk(caller)));
            case READ_REGISTER, USE_STAFF_PAGES, MANAGE_CALENDAR_FEED -> caller.isStaff();
            case REMIND_INVITEES -> isClerk(caller) || caller.userId().equals(document.signer());
            // the personal links in those emails answer for their recipients
            case READ_MAILBOX -> isClerk(caller);
            case READ_SECURITY_LOG, MAKE_BACKUP -> caller.isIn(Groups.ADMINS);
            case CREATE_DRAFT -> caller.isIn(Groups.DRAFTERS);
            case EDIT_DRAFT, SUBMIT, COMPLETE_REVISE -> caller.userId().equals(document.drafter());
            // the route says who reviews; nobody approves a draft they wrote
            case COMPLETE_REVIEW ->
                document.holders().include(caller) && !caller.userId().equals(document.drafter());
            case COMPLETE_CONSULT, COMPLETE_MEETING -> document.holders().include(caller);
            // the document's signer, not the task's assignee: a task handed on in Camunda's
            // Tasklist does not hand on the right to sign
            case COMPLETE_SIGN ->
                // nobody signs a draft they wrote (separation of duties, as in COMPLETE_REVIEW)
                caller.userId().equals(document.signer())
                        && caller.isIn(Groups.SIGNERS)
                        && !caller.userId().equals(document.drafter());
            case CANCEL_REMOTE_SIGNATURE -> caller.userId().equals(document.signer()) && caller.isIn(Groups.SIGNERS);
            case RECALL,
                    RETRY_DELIVERY,
                    LIST_FAILED_DELIVERIES,
                    RESOLVE_ISSUE_FAILURE,
                    MANAGE_ADDRESS_BOOK,
                    CORRECT_DELIVERY -> isClerk(caller);
            case MANAGE_ACCOUNTS, MANAGE_SIGNING_CERTIFICATES, MANAGE_ROUTES -> caller.isIn(Groups.ADMINS);
            // only a signer has a key under a PIN of their own; whose PIN is always the caller's
            case CHANGE_SIGNING_PIN, PRESENT_SIGNING_CERTIFICATE, RECORD_ABSENCE -> caller.isIn(Groups.SIGNERS);
            case RECORD_ABSENCE_FOR_LEADER -> isClerk(caller);
            case CANCEL_ABSENCE -> caller.isIn(Groups.SIGNERS) || caller.isIn(Groups.ADMINS);
        };
        if (!who) {
            return Verdict.FORBIDDEN;
        }
        boolean now = switch (action) {
            case EDIT_DRAFT -> document.status().editable();
            case SUBMIT -> SUBMITTABLE.contains(document.status());
            case COMPLETE_REVIEW, COMPLETE_CONSULT, COMPLETE_MEETING -> document.status() == DocumentStatus.IN_REVIEW;
            case COMPLETE_SIGN -> document.status() == DocumentStatus.AWAITING_SIGNATURE;
            case CANCEL_REMOTE_SIGNATURE -> document.status() == DocumentStatus.AWAITING_REMOTE_SIGNATURE;
            case COMPLETE_REVISE -> document.status() == DocumentStatus.RETURNED;
            case RECALL, REMIND_INVITEES -> document.status() == DocumentStatus.ISSUED;
            case RESOLVE_ISSUE_FAILURE -> document.status() == DocumentStatus.ISSUE_FAILED;
            default -> true;
        };
        return now ? Verdict.ALLOWED : Verdict.CONFLICT;
    }

    public boolean allows(Caller caller, Action action, Subject document) {
        return decide(caller, action, document) == Verdict.ALLOWED;
    }

    public boolean allows(Caller caller, Action action) {
        return allows(caller, action, null);
    }

    /** Throws ForbiddenException (403) or ConflictException (409) unless allowed. */
    public void check(Caller caller, Action action, Subject document) {
        switch (decide(caller, action, document)) {
            case FORBIDDEN -> throw new ForbiddenException(action.refusal());
            case CONFLICT -> throw new ConflictException(conflict(action, document.status()));
            case ALLOWED -> {}
        }
    }

    public void check(Caller caller, Action action) {
        check(caller, action, null);
    }

    /**
     * Reviewers and clerks read every draft; others only their own (as drafter or chosen signer)
     * and what was issued. The document lists apply the same rule in their SQL.
     */
    public boolean seesEveryDraft(Caller caller) {
        return caller.isStaff() && (caller.isIn(Groups.REVIEWERS) || (clerksReadDrafts && isClerk(caller)));
    }

    /** Clerks, and Camunda's administrators who stand in for them. */
    public boolean isClerk(Caller caller) {
        return caller.isIn(Groups.CLERKS) || caller.isIn(Groups.ADMINS);
    }

    private static String conflict(Action action, DocumentStatus status) {
        return switch (action) {
            case EDIT_DRAFT ->
                "Văn bản đang ở trạng thái " + status + ", không còn sửa được (chỉ sửa khi là DRAFT hoặc RETURNED).";
            case SUBMIT -> "Văn bản đang ở trạng thái " + status + ", không trình được nữa.";
            case RECALL -> "Chỉ thu hồi được văn bản đã ban hành (văn bản này: " + status + ").";
            case REMIND_INVITEES ->
                "Chỉ nhắc được người chưa trả lời giấy mời đã ban hành (văn bản này: " + status + ").";
            case CANCEL_REMOTE_SIGNATURE -> "Văn bản không chờ xác nhận ký trên thiết bị (trạng thái " + status + ").";
            default -> "Văn bản đang ở trạng thái " + status + ", bước này không còn mở.";
        };
    }
}
