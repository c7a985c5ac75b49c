package vn.vanthu.document;

/** Where a document stands (DESIGN §4). */
public enum DocumentStatus {
    DRAFT, IN_REVIEW, AWAITING_SIGNATURE, RETURNED, ISSUED, REJECTED, WITHDRAWN, RECALLED;

    /** Only the drafter's own unsubmitted or returned draft can be edited. */
    public boolean editable() {
        return this == DRAFT || this == RETURNED;
    }
}
