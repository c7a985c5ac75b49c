package vn.vanthu.document;

/**
 * Where a document stands (DESIGN §4). AWAITING_REMOTE_SIGNATURE: the leader chose to sign and the
 * remote signing service waits for the approval on the leader's phone. ISSUE_FAILED: issuing failed
 * on its last attempt, rolled back whole; a clerk issues it again or returns it to the drafter.
 */
public enum DocumentStatus {
    DRAFT,
    IN_REVIEW,
    AWAITING_SIGNATURE,
    AWAITING_REMOTE_SIGNATURE,
    RETURNED,
    ISSUE_FAILED,
    ISSUED,
    REJECTED,
    WITHDRAWN,
    RECALLED;

    /** Only the drafter's own unsubmitted or returned draft can be edited. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }
}
