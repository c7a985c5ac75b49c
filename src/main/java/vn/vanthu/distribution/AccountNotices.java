package vn.vanthu.distribution;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import vn.vanthu.directory.ApplicationGroups;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.directory.PasswordResetByAdministrator;
import vn.vanthu.directory.StaffRolesChanged;

/**
 * Separation of duties made visible: a change of who signs or reviews is emailed to the person and to
 * the other administrators, a password reset to its owner; after the change is committed.
 */
@Component
class AccountNotices {

    private final StaffMail mail;
    private final Directory directory;

    AccountNotices(StaffMail mail, Directory directory) {
        this.mail = mail;
        this.directory = directory;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(StaffRolesChanged changed) {
        String subject = "[Văn thư] Đổi nhóm ký, thẩm định của tài khoản " + changed.userId();
        String text = "Quản trị viên " + changed.actor() + " vừa đổi nhóm của tài khoản " + changed.userId() + " ("
                + directory.fullName(changed.userId()) + ").\n"
                + "Trước: " + names(changed.before()) + "\n"
                + "Sau: " + names(changed.after()) + "\n\n"
                + "Nhóm lãnh đạo ký, lãnh đạo thẩm định chỉ do một quản trị viên khác đổi và luôn được báo. "
                + "Nếu thay đổi này không đúng, đồng chí báo ngay lãnh đạo cơ quan.\n\n"
                + "Hệ thống Văn thư\n";
        Set<String> to = new LinkedHashSet<>();
        to.add(changed.userId());
        for (String admin : directory.membersOf(Groups.ADMINS)) {
            if (!admin.equalsIgnoreCase(changed.actor())) {
                to.add(admin);
            }
        }
        to.forEach(userId -> send(userId, subject, text));
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(PasswordResetByAdministrator reset) {
        send(
                reset.userId(),
                "[Văn thư] Mật khẩu tài khoản " + reset.userId() + " vừa được đặt lại",
                "Kính gửi đồng chí " + directory.fullName(reset.userId()) + ",\n\n"
                        + "Quản trị viên " + reset.actor() + " vừa đặt lại mật khẩu tài khoản " + reset.userId()
                        + ". Lần đăng nhập tới, đồng chí phải tự chọn mật khẩu mới trước khi làm việc.\n"
                        + "Nếu đồng chí không đề nghị đặt lại mật khẩu, đồng chí báo ngay lãnh đạo cơ quan.\n\n"
                        + "Hệ thống Văn thư\n");
    }

    private void send(String userId, String subject, String text) {
        String email = directory.user(userId).map(User::getEmail).orElse(null);
        mail.send(email, directory.fullName(userId), subject, text);
    }

    private static String names(List<String> groups) {
        List<String> shown = new ArrayList<>();
        groups.forEach(g -> shown.add(ApplicationGroups.name(g)));
        return shown.isEmpty() ? "(không nhóm)" : String.join(", ", shown);
    }
}
