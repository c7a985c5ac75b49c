package vn.vanthu.document;

/**
 * Where a document stands (DESIGN §4). AWAITING_REMOTE_SIGNATURE: the leader chose to sign and the
 * remote signing service waits for the approval on the leader's phone.
 */
public enum DocumentStatus {
    DRAFT, IN_REVIEW, AWAITING_SIGNATURE, AWAITING_REMOTE_SIGNATURE, RETURNED, ISSUED, REJECTED, WITHDRAWN, RECALLED;

    /** Only the drafter's own unsubmitted or returned draft can be edited. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }
}
