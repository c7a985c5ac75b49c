package vn.vanthu.workflow;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The clerk recalls an issued document: it becomes RECALLED (the board shows it so), a pending
 * meeting reminder is cancelled, and bpmn/document-recall.bpmn sends every recipient a notice.
 */
@Service
public class DocumentRecall {

    private final DocumentService documents;
    private final OutgoingRegister register;
    private final RuntimeService runtime;
    private final AccessPolicy access;

    private final TransactionTemplate transaction;
    private final java.time.Clock clock;

    DocumentRecall(
            DocumentService documents,
            OutgoingRegister register,
            RuntimeService runtime,
            AccessPolicy access,
            PlatformTransactionManager transactions,
            java.time.Clock clock) {
        this.clock = clock;
        this.access = access;
        this.transaction = new TransactionTemplate(transactions);
        this.documents = documents;
        this.register = register;
        this.runtime = runtime;
    }

    /**
     * Recalls in one transaction, tried again (up to three times) when the document's process was
     * changed meanwhile: right after issuing, its email jobs update the same process instance that
     * the recall message is correlated to, and the clerk should not get a 409 for that.
     */
    public void recall(Long documentId, String reason, Caller caller) {
        recall(documentId, reason, null, null, caller);
    }

    /**
     * The decision a recall rests on: who decided, and the document that says so ("Công văn",
     * "125-CV/ĐUK", 2026-11-20 → "theo Công văn số 125-CV/ĐUK ngày 20/11/2026").
     */
    public record Decision(String kind, String number, String date) {}

    public void recall(Long documentId, String reason, String decidedBy, Decision decision, Caller caller) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> recallOnce(documentId, reason, decidedBy, decision, caller));
                return;
            } catch (OptimisticLockingException e) {
                if (attempt == 3) {
                    throw new ConflictException("Văn bản đang được gửi đi; hãy thu hồi lại sau ít giây.");
                }
            }
        }
    }

    private void recallOnce(Long documentId, String reason, String decidedBy, Decision decision, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.RECALL, AccessPolicy.Subject.of(document));
        String why = reason == null ? null : reason.strip();
        if (why == null || why.isEmpty()) {
            throw InvalidInputException.of("reason", "Cần ghi rõ lý do thu hồi.");
        }
        if (why.length() > 2000) {
            throw InvalidInputException.of("reason", "Lý do dài quá 2000 ký tự.");
        }
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        String by = text(decidedBy, "decidedBy", 300, errors);
        String basis = basis(decision, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        documents.changeStatus(documentId, DocumentStatus.RECALLED);
        String basisText = new vn.vanthu.numbering.RegisterEntry.Recall(why, by, basis, null).basisText();
        documents.record(
                documentId, caller.userId(), "RECALLED", basisText == null ? why : why + " (" + basisText + ")");
        register.markRecalled(documentId, why, by, basis, clock.instant());
        // the meeting reminder, if still waiting, is cancelled; a finished process has nothing to cancel
        runtime.createMessageCorrelation(Messages.DOCUMENT_RECALLED)
                .processInstanceBusinessKey(documentId.toString())
                .correlateAllWithResult();
        int recipients = documents.currentVersion(document).getRecipients().size();
        runtime.startProcessInstanceByKey(
                Recall.KEY, documentId.toString(), Variables.atRecall(documentId, recipients));
    }

    /** "Công văn số 125-CV/ĐUK ngày 20/11/2026", or null without a decision; all three parts or none. */
    private String basis(Decision decision, java.util.Map<String, String> errors) {
        if (decision == null || (blank(decision.kind()) && blank(decision.number()) && blank(decision.date()))) {
            return null;
        }
        String kind = text(decision.kind(), "decision.kind", 100, errors);
        String number = text(decision.number(), "decision.number", 100, errors);
        if (kind == null && !errors.containsKey("decision.kind")) {
            errors.put("decision.kind", "Cần ghi loại văn bản quyết định việc thu hồi, ví dụ: Công văn, Quyết định.");
        }
        if (number == null && !errors.containsKey("decision.number")) {
            errors.put("decision.number", "Cần ghi số, ký hiệu của văn bản quyết định việc thu hồi.");
        }
        java.time.LocalDate date = null;
        if (blank(decision.date())) {
            errors.put("decision.date", "Cần ghi ngày của văn bản quyết định việc thu hồi.");
        } else {
            try {
                date = decisionDate(decision.date().strip());
                if (date.isAfter(clock.instant()
                                .atZone(vn.vanthu.config.OrganisationProperties.VIETNAM)
                                .toLocalDate())
                        || date.getYear() < 2000) {
                    errors.put("decision.date", "Ngày của văn bản quyết định không hợp lệ.");
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.put("decision.date", "Ngày phải viết dạng ngày/tháng/năm, ví dụ 20/11/2026.");
            }
        }
        if (kind == null || number == null || errors.containsKey("decision.date")) {
            return null;
        }
        return kind + " số " + number + " ngày " + shortDate(date);
    }

    /** "20/11/2026" as the page's text field takes it (as the draft form's dates), or ISO 2026-11-20 (API). */
    static java.time.LocalDate decisionDate(String text) {
        if (text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return java.time.LocalDate.parse(text);
        }
        return java.time.LocalDate.parse(
                text,
                java.time.format.DateTimeFormatter.ofPattern("d/M/uuuu")
                        .withResolverStyle(java.time.format.ResolverStyle.STRICT));
    }

    /** "20/11/2026", "05/9/2023", "03/02/2026": as the seed's citations (months 1 and 2 zero-padded). */
    static String shortDate(java.time.LocalDate d) {
        int m = d.getMonthValue();
        return (d.getDayOfMonth() < 10 ? "0" : "") + d.getDayOfMonth() + "/" + (m <= 2 ? "0" : "") + m + "/"
                + d.getYear();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String text(String value, String field, int max, java.util.Map<String, String> errors) {
        if (blank(value)) {
            return null;
        }
        String v = vn.vanthu.document.FreeText.normalise(value).strip();
        String problem = vn.vanthu.document.FreeText.problem(v);
        if (problem == null && v.contains("\n")) {
            problem = "Chỉ một dòng.";
        }
        if (problem != null) {
            errors.put(field, problem);
            return null;
        }
        if (v.length() > max) {
            errors.put(field, "Dài quá " + max + " ký tự.");
            return null;
        }
        return v;
    }
}
