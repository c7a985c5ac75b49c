package vn.vanthu.system;

/** The thing asked for existed but is no longer usable (an expired signing request): 410. */
public class GoneException extends RuntimeException {
    public GoneException(String message) {
        super(message);
    }
}
