package vn.vanthu.signing;

/** The user (or the organisation) has no usable key: missing, without certificate, or expired. */
public class NoSigningKeyException extends RuntimeException {

    private final String userId;

    public NoSigningKeyException(String userId, String detail) {
        super("Người ký '" + userId + "' chưa có khóa ký số hợp lệ (no usable signing key"
                + (detail == null ? "" : ": " + detail) + ")");
        this.userId = userId;
    }

    public String userId() {
        return userId;
    }
}
