package vn.vanthu.workflow;

/**
 * POST /api/tasks/{id}/complete: decision, a comment (required to return or reject), and with
 * "sign" the leader's signing PIN (never stored or logged).
 */
public record TaskDecision(String decision, String comment, String pin) {

    public TaskDecision(String decision, String comment) {
        this(decision, comment, null);
    }

    @Override
    public String toString() { // never print the PIN
        return "TaskDecision[" + decision + ", " + comment + "]";
    }
}
