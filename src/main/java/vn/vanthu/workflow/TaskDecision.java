package vn.vanthu.workflow;

/**
 * POST /api/tasks/{id}/complete: decision, a comment (required to return or reject), and with
 * "sign" the signer's PIN. The PIN is never logged nor kept: toString leaves it out.
 */
public record TaskDecision(String decision, String comment, String pin) {

    @Override
    public String toString() {
        return "TaskDecision[decision=" + decision + ", comment=" + comment + ", pin=" + (pin == null ? null : "***")
                + "]";
    }
}
