package vn.vanthu.distribution;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import vn.vanthu.directory.Directory;
import vn.vanthu.security.LoginLocked;

/** Tells an account's owner by email that their login was locked for a while after many wrong passwords. */
@Component
class LoginLockNotices implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LoginLockNotices.class);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final JavaMailSender sender;
    private final Directory directory;
    private final InternetAddress from;
    // off the login thread: a slow relay (up to its timeouts) must not hold the request that failed
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "login-lock-mail");
        thread.setDaemon(true);
        return thread;
    });

    LoginLockNotices(JavaMailSender sender, Directory directory, MailSettings mail) {
        this.sender = sender;
        this.directory = directory;
        this.from = mail.sender();
    }

    @EventListener
    void on(LoginLocked locked) {
        String userId = locked.userId();
        Instant until = locked.until();
        executor.execute(() -> {
            try {
                send(userId, until);
            } catch (RuntimeException | MessagingException | UnsupportedEncodingException e) {
                log.warn("Cannot email {} about the login lock: {}", userId, e.toString());
            }
        });
    }

    private void send(String userId, Instant until) throws MessagingException, UnsupportedEncodingException {
        String email = directory.user(userId).map(User::getEmail).orElse(null);
        if (email == null || email.isBlank()) {
            log.warn("Login of {} locked, but the account has no email address to tell its owner", userId);
            return;
        }
        String name = directory.fullName(userId);
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
        helper.setFrom(from);
        helper.setTo(new InternetAddress(email, name, "UTF-8"));
        helper.setSubject("[Văn thư] Tạm khóa đăng nhập tài khoản " + userId);
        helper.setText("Kính gửi đồng chí " + name + ",\n\n"
                + "Tài khoản " + userId + " vừa bị nhập sai mật khẩu nhiều lần liên tiếp nên tạm khóa đăng nhập đến "
                + TIME.format(until) + ".\n"
                + "Nếu không phải đồng chí đăng nhập, có thể có người đang dò mật khẩu: đồng chí báo quản trị hệ thống"
                + " và đổi mật khẩu sau khi khóa hết hạn. Quản trị hệ thống có thể mở khóa sớm.\n\n"
                + "Hệ thống Văn thư\n");
        sender.send(mime);
    }

    @Override
    public void destroy() {
        executor.shutdown();
    }
}
