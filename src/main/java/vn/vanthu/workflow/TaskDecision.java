package vn.vanthu.workflow;

/** POST /api/tasks/{id}/complete: decision, and a comment (required to return or reject). */
public record TaskDecision(String decision, String comment) {
}
