package vn.vanthu.signing;

/** The signing PIN given does not open the leader's key. The PIN itself is never in the message. */
public class WrongPinException extends RuntimeException {

    private final String userId;

    public WrongPinException(String userId) {
        super("Wrong signing PIN for " + userId);
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
