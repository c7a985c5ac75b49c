package vn.vanthu.system;

/** The caller is signed in but not the person who may do this: 403. */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
