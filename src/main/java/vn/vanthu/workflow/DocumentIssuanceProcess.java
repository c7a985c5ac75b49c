package vn.vanthu.workflow;

import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Every name that Java shares with the BPMN files: process keys, user tasks and the decisions
 * each takes, element ids, message names and process variables. A name is written here once;
 * {@code BpmnNamesTest} fails when one of these names nothing in bpmn/, or when the BPMN uses a
 * task id, variable or message that has no constant here.
 */
public final class DocumentIssuanceProcess {

    /** bpmn/document-issuance.bpmn, the default route; business key = document id. */
    public static final String KEY = "documentIssuance";

    private DocumentIssuanceProcess() {}

    /**
     * The kinds of user task a route may draw. A user task declares its kind in the BPMN with the
     * extension property {@value #KIND_PROPERTY} (docs/routes.md); Java knows a task by its kind,
     * never by its id, so that an office can redraw its route in Modeler. Who holds a task is the
     * BPMN's (candidate groups, assignee expressions, multi-instance collections).
     */
    public enum Kind {
        /** The drafter revises a returned draft: resubmit or withdraw. */
        REVISE("revise", Variables.REVISE_DECISION, "RETURNED"),
        /** A review level (thẩm định): approve or return to the drafter. */
        REVIEW("review", Variables.REVIEW_DECISION, "IN_REVIEW"),
        /** A consulted person or board gives an opinion (xin ý kiến). */
        CONSULT("consult", Variables.CONSULT_DECISION, "IN_REVIEW"),
        /** The office records a meeting's outcome (Ban Thường vụ adopts a conclusion). */
        MEETING("meeting", Variables.MEETING_DECISION, "IN_REVIEW"),
        /** The chosen leader signs, returns or refuses. */
        SIGN("sign", Variables.SIGN_DECISION, "AWAITING_SIGNATURE"),
        /** The issue step failed on its last attempt: a clerk retries it or returns the draft. */
        RESOLVE_ISSUE_FAILURE("resolve-issue-failure", Variables.RESOLVE_ISSUE_FAILURE_DECISION, "ISSUE_FAILED");

        private final String wire;
        private final Variable<String> decisionVariable;
        private final String status;

        Kind(String wire, Variable<String> decisionVariable, String status) {
            this.wire = wire;
            this.decisionVariable = decisionVariable;
            this.status = status;
        }

        /** The value of the task's {@value #KIND_PROPERTY} property, and of {@code kind} in the API. */
        public String wire() {
            return wire;
        }

        public Variable<String> decisionVariable() {
            return decisionVariable;
        }

        /**
         * Whether tasks of this kind run side by side (a multi-instance): each keeps its decision
         * as a task variable instead of writing a shared one that parallel completions collide on.
         */
        public boolean decidesAlone() {
            return this == CONSULT;
        }

        /** The document status (DocumentStatus' name) while a task of this kind is open. */
        public String status() {
            return status;
        }

        /** What a task of this kind may decide (a switch, not a constructor argument: the two enums refer to each other). */
        public List<Decision> decisions() {
            return switch (this) {
                case REVIEW -> List.of(Decision.APPROVE, Decision.RETURN);
                case CONSULT -> List.of(Decision.OPINION);
                case MEETING -> List.of(Decision.ADOPTED, Decision.ADOPTED_WITH_CHANGES, Decision.NOT_ADOPTED);
                case SIGN -> List.of(Decision.SIGN, Decision.RETURN, Decision.REJECT);
                case REVISE -> List.of(Decision.RESUBMIT, Decision.WITHDRAW);
                case RESOLVE_ISSUE_FAILURE -> List.of(Decision.RETRY_ISSUE, Decision.RETURN);
            };
        }

        /** The decision with this wire value, if a task of this kind may take it. */
        public Optional<Decision> decision(String wire) {
            return decisions().stream().filter(d -> d.wire().equals(wire)).findFirst();
        }

        public static Optional<Kind> byWire(String wire) {
            return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
        }
    }

    /** The extension property (camunda:properties) by which a user task declares its {@link Kind}. */
    public static final String KIND_PROPERTY = "kind";

    /**
     * A task's decision: its value in the API and in the decision variable (the BPMN's gateway
     * conditions compare with it), the history event it records, and the act's name in Vietnamese.
     */
    public enum Decision {
        APPROVE("approve", "APPROVED", "Thẩm định: đồng ý trình ký", false),
        RETURN("return", "RETURNED", "Trả lại để chỉnh sửa", true),
        SIGN("sign", "SIGNED", "Ký ban hành", false),
        REJECT("reject", "REJECTED", "Không ký", true),
        RESUBMIT("resubmit", "RESUBMITTED", "Trình lại sau chỉnh sửa", false),
        WITHDRAW("withdraw", "WITHDRAWN", "Rút dự thảo", false),
        RETRY_ISSUE("retry", "ISSUE_RETRIED", "Ban hành lại sau lỗi", false),
        OPINION("opinion", "OPINION_GIVEN", "Góp ý kiến", true),
        ADOPTED("adopted", "ADOPTED", "Hội nghị thông qua", false),
        ADOPTED_WITH_CHANGES("adopted-with-changes", "ADOPTED_WITH_CHANGES", "Thông qua, cần chỉnh sửa", true),
        NOT_ADOPTED("not-adopted", "NOT_ADOPTED", "Hội nghị không thông qua", true);

        private final String wire;
        private final String event;
        private final String label;
        private final boolean needsComment;

        Decision(String wire, String event, String label, boolean needsComment) {
            this.wire = wire;
            this.event = event;
            this.label = label;
            this.needsComment = needsComment;
        }

        public String wire() {
            return wire;
        }

        /** The action of the document_event it records. */
        public String event() {
            return event;
        }

        public String label() {
            return label;
        }

        /** Returning, rejecting and giving an opinion must say why (or what). */
        public boolean needsComment() {
            return needsComment;
        }

        public static Optional<Decision> byWire(String wire) {
            return Arrays.stream(values()).filter(d -> d.wire.equals(wire)).findFirst();
        }

        public static Optional<Decision> byEvent(String event) {
            return Arrays.stream(values()).filter(d -> d.event.equals(event)).findFirst();
        }
    }

    /** Element ids of the three BPMN files that Java (code and tests) refers to. */
    public static final class Elements {
        public static final String SUBMITTED = "submitted";
        public static final String REVIEW = "review";
        public static final String SIGN = "sign";
        public static final String REVISE = "revise";
        public static final String SIGNING_OVERDUE = "signingOverdue";
        public static final String REMIND_SIGNER = "remindSigner";
        /** Every route's call of documentIssuing, and the errors it catches from it. */
        public static final String ISSUING = "issuing";

        public static final String BACK_TO_SIGNER = "backToSigner";
        public static final String BACK_TO_DRAFTER = "backToDrafter";
        public static final String NOT_THE_DOCUMENTS_PROCESS = "notTheDocumentsProcess";
        /** The route's end when the called documentIssuing was not the document's own process. */
        public static final String NOT_ISSUED = "notIssued";
        /** bpmn/routes/two-level-review.bpmn: the first level. */
        public static final String DEPUTY_REVIEW = "deputyReview";
        /** bpmn/routes/consultation.bpmn */
        public static final String CONSULT = "consult";

        public static final String CONSULT_REMINDER_DUE = "consultReminderDue";
        public static final String REMIND_CONSULTEES = "remindConsultees";
        public static final String CONSULTATION_CLOSED = "consultationClosed";
        /** bpmn/routes/kl-meeting.bpmn */
        public static final String MEETING = "meeting";

        public static final String NOT_ADOPTED = "notAdopted";
        /** bpmn/document-issuing.bpmn from here */
        public static final String ISSUE = "issue";
        /** The issue step refused: back to the signer, or the end of a process that is not the document's. */
        public static final String ISSUE_REFUSED = "issueRefused";

        public static final String ISSUE_REFUSED_GATEWAY = "issueRefusedGateway";
        public static final String SIGN_AGAIN_ISSUE_REFUSED = "signAgainIssueRefused";
        public static final String NOT_THIS_DOCUMENTS_PROCESS = "notThisDocumentsProcess";
        public static final String RETURNED_TO_DRAFTER = "returnedToDrafter";
        /** The issue step failed on its last attempt: the clerks' task, and its decision. */
        public static final String ISSUE_FAILED = "issueFailed";

        public static final String RESOLVE_ISSUE_FAILURE = "resolveIssueFailure";
        public static final String RESOLVE_ISSUE_FAILURE_GATEWAY = "resolveIssueFailureGateway";
        /** The remote signing service's wait (docs/remote-signing.md). */
        public static final String SIGNING_METHOD_GATEWAY = "signingMethodGateway";

        public static final String AWAIT_REMOTE_SIGNATURE = "awaitRemoteSignature";
        public static final String REMOTE_SIGNATURE_POLL_DUE = "remoteSignaturePollDue";
        public static final String REMOTE_SIGNATURE_WITHDRAWN = "remoteSignatureWithdrawn";
        public static final String CHECK_REMOTE_SIGNATURE = "checkRemoteSignature";
        public static final String REMOTE_SIGNATURE_REFUSED = "remoteSignatureRefused";
        public static final String REMOTE_SIGNATURE_ARRIVED = "remoteSignatureArrived";
        public static final String SEND_DOCUMENT = "sendDocument";
        public static final String REMINDER_CHECK = "reminderCheck";
        public static final String AWAIT_REMINDER = "awaitReminder";
        public static final String MEETING_REMINDER_DUE = "meetingReminderDue";
        public static final String RECALLED_BEFORE_MEETING = "recalledBeforeMeeting";
        public static final String SEND_MEETING_REMINDER = "sendMeetingReminder";
        public static final String REMINDER_DONE = "reminderDone";
        public static final String ISSUED = "issued";
        public static final String REJECTED = "rejected";
        public static final String WITHDRAWN = "withdrawn";
        /** bpmn/document-recall.bpmn */
        public static final String SEND_RECALL_NOTICE = "sendRecallNotice";
        /** bpmn/delivery-retry.bpmn */
        public static final String RESEND = "resend";

        private Elements() {}
    }

    /** Message names. */
    public static final class Messages {
        /** The clerk recalled the document: a meeting reminder still waiting is cancelled. */
        public static final String DOCUMENT_RECALLED = "documentRecalled";
        /** The leader withdrew the request waiting on the remote signing service: back to the sign task. */
        public static final String REMOTE_SIGNATURE_CANCELLED = "remoteSignatureCancelled";

        private Messages() {}
    }

    /** BPMN error codes. */
    public static final class Errors {
        /** The remote signature will not come (denied, expired, timed out, cancelled, service down): back to the leader. */
        public static final String REMOTE_SIGNATURE_REFUSED = "remoteSignatureRefused";
        /** The document's own signer did not sign its current version: nothing is issued. */
        public static final String ISSUE_REFUSED = "issueRefused";
        /** Issuing failed on the job's last attempt (rolled back whole): a clerk decides what next. */
        public static final String ISSUE_FAILED = "issueFailed";
        /** documentIssuing's ends that the calling route catches: back to its sign task, */
        public static final String SIGN_AGAIN = "signAgain";
        /** back to its revise task (a clerk returned the draft after an issue failure), */
        public static final String RETURN_TO_DRAFTER = "returnToDrafter";
        /** or its end without issuing (the root process is not the document's own). */
        public static final String NOT_THIS_DOCUMENTS_PROCESS = "notThisDocumentsProcess";

        private Errors() {}
    }

    /**
     * bpmn/document-issuing.bpmn: what follows the signature, called by every route with the
     * document id as business key and all the route's variables.
     */
    public static final class Issuing {
        public static final String KEY = "documentIssuing";

        private Issuing() {}
    }

    /** The routes shipped in bpmn/routes/ besides the default one (KEY); docs/routes.md. */
    public static final class Routes {
        /** Phó Chánh Văn phòng, then Chánh Văn phòng, review. */
        public static final String TWO_LEVEL_REVIEW = "twoLevelReview";
        /** The consulted staff give their opinions, then the office reviews. */
        public static final String CONSULTATION = "consultation";
        /** Reviewed, then put to a Ban Thường vụ meeting. */
        public static final String KL_MEETING = "klMeeting";

        private Routes() {}
    }

    /** bpmn/document-recall.bpmn: every recipient is told of a recall. */
    public static final class Recall {
        public static final String KEY = "documentRecall";

        private Recall() {}
    }

    /** bpmn/delivery-retry.bpmn: one failed email sent again. */
    public static final class DeliveryRetry {
        public static final String KEY = "deliveryRetry";

        private DeliveryRetry() {}
    }

    /** A process variable: its name, once, and its type. */
    public record Variable<T>(String name, Class<T> type) {

        public T get(VariableScope scope) {
            return convert(scope.getVariable(name));
        }

        public void set(VariableScope scope, T value) {
            scope.setVariable(name, value);
        }

        /** Read from a map of variables (e.g. TaskService.getVariables). */
        public T from(Map<String, Object> variables) {
            return convert(variables.get(name));
        }

        /** A Long stored as an Integer by some client (REST, Tasklist) still reads as a Long. */
        @SuppressWarnings("unchecked")
        public T convert(Object value) {
            if (value == null) {
                return null;
            }
            if (type == Long.class && value instanceof Number n) {
                return (T) Long.valueOf(n.longValue());
            }
            if (type == Integer.class && value instanceof Number n) {
                return (T) Integer.valueOf(n.intValue());
            }
            return type.cast(value);
        }
    }

    /** The processes' variables. */
    public static final class Variables {
        /** Our document's id (also the business key). All three processes. */
        public static final Variable<Long> DOCUMENT_ID = new Variable<>("documentId", Long.class);

        public static final Variable<String> DRAFTER = new Variable<>("drafter", String.class);
        /** The sign task's assignee; reset from the document when the drafter resubmits. */
        public static final Variable<String> SIGNER = new Variable<>("signer", String.class);

        public static final Variable<String> REVIEW_DECISION = new Variable<>("reviewDecision", String.class);
        public static final Variable<String> SIGN_DECISION = new Variable<>("signDecision", String.class);
        public static final Variable<String> REVISE_DECISION = new Variable<>("reviseDecision", String.class);
        public static final Variable<String> CONSULT_DECISION = new Variable<>("consultDecision", String.class);
        public static final Variable<String> MEETING_DECISION = new Variable<>("meetingDecision", String.class);
        public static final Variable<String> RESOLVE_ISSUE_FAILURE_DECISION =
                new Variable<>("resolveIssueFailureDecision", String.class);
        /** consultation: the staff member of one consult task (the multi-instance's element variable). */
        public static final Variable<String> CONSULTEE = new Variable<>("consultee", String.class);
        /** Why the issue step failed (the BPMN error's message), shown in the clerks' task. */
        public static final Variable<String> ISSUE_ERROR = new Variable<>("issueError", String.class);
        /** Why a task was returned or rejected; read when the task completes, never kept. */
        public static final Variable<String> COMMENT = new Variable<>("comment", String.class);
        /** How many emails the multi-instances send (issue and recall processes). */
        public static final Variable<Integer> RECIPIENT_COUNT = new Variable<>("recipientCount", Integer.class);
        /** When invitees get the meeting reminder; null when there is none. */
        public static final Variable<Date> REMINDER_AT = new Variable<>("reminderAt", Date.class);
        /** Set with a signature: true when the signer signs through the remote signing service. */
        public static final Variable<Boolean> REMOTE_SIGNING = new Variable<>("remoteSigning", Boolean.class);
        /** Each poll of the remote signing service: true once the signature is stored. */
        public static final Variable<Boolean> REMOTE_SIGNED = new Variable<>("remoteSigned", Boolean.class);
        /** Set when the issue step refuses: whether this process is the one the document is attached to. */
        public static final Variable<Boolean> DOCUMENTS_OWN_PROCESS =
                new Variable<>("documentsOwnProcess", Boolean.class);
        /** Delivery retry: Delivery.Kind's name. */
        public static final Variable<String> KIND = new Variable<>("kind", String.class);
        /** Delivery retry: the recipient's position in the document's list. */
        public static final Variable<Integer> POSITION = new Variable<>("position", Integer.class);
        /** The engine's own: the inner instance's index in a multi-instance (= recipient position). */
        public static final Variable<Integer> LOOP_COUNTER = new Variable<>("loopCounter", Integer.class);

        private Variables() {}

        /** What the issuance process starts with. */
        public static Map<String, Object> atSubmit(Long documentId, String drafter, String signer) {
            return Map.of(DOCUMENT_ID.name(), documentId, DRAFTER.name(), drafter, SIGNER.name(), signer);
        }

        /** What the recall process starts with. */
        public static Map<String, Object> atRecall(Long documentId, int recipientCount) {
            return Map.of(DOCUMENT_ID.name(), documentId, RECIPIENT_COUNT.name(), recipientCount);
        }

        /** What the delivery retry process starts with. */
        public static Map<String, Object> atRetry(Long documentId, String kind, int position) {
            return Map.of(DOCUMENT_ID.name(), documentId, KIND.name(), kind, POSITION.name(), position);
        }
    }
}
