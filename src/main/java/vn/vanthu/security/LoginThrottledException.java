package vn.vanthu.security;

import java.time.Duration;
import org.springframework.security.authentication.LockedException;

/** Sign-in refused without checking the password: too many wrong ones lately (see {@link LoginThrottle}). */
class LoginThrottledException extends LockedException {

    private final long minutes;

    public LoginThrottledException(Duration wait) {
        this(Math.max(1, (wait.toSeconds() + 59) / 60));
    }

    private LoginThrottledException(long minutes) {
        super(message(minutes));
        this.minutes = minutes;
    }

    /** Whole minutes to wait, rounded up, at least 1. */
    public long minutes() {
        return minutes;
    }

    public static String message(long minutes) {
        return "Tạm khóa đăng nhập vì nhập sai mật khẩu nhiều lần: đồng chí thử lại sau " + minutes + " phút.";
    }
}
