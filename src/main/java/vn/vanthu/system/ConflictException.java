package vn.vanthu.system;

/** The request is valid but the state does not allow it (task already done, draft no longer editable): 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
