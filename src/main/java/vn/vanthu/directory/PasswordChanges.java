package vn.vanthu.directory;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.system.InvalidInputException;

/**
 * Which accounts must choose a new password before anything else (table password_change_required):
 * those whose password an administrator reset. The flag goes when the owner changes it themselves.
 */
@Service
public class PasswordChanges {

    private final JdbcTemplate jdbc;
    private final IdentityService identity;
    private final Clock clock;

    PasswordChanges(JdbcTemplate jdbc, IdentityService identity, Clock clock) {
        this.jdbc = jdbc;
        this.identity = identity;
        this.clock = clock;
    }

    /** Whether this account must change its password before doing anything else. */
    public boolean required(String userId) {
        if (userId == null) {
            return false;
        }
        Integer n = jdbc.queryForObject(
                "select count(*) from password_change_required where user_id = ?", Integer.class, userId);
        return n != null && n > 0;
    }

    void require(String userId, String actor) {
        jdbc.update("delete from password_change_required where user_id = ?", userId);
        jdbc.update(
                "insert into password_change_required (user_id, required_at, required_by) values (?, ?, ?)",
                userId,
                Timestamp.from(clock.instant()),
                actor);
    }

    /**
     * The owner chooses their own password: the current one (the administrator's), the new one twice.
     * Field errors in Vietnamese as {@link InvalidInputException}; nothing changed then.
     */
    @Transactional
    public void changeOwn(String userId, String current, String newPassword, String repeat) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        if (current == null || current.isEmpty() || !identity.checkPassword(userId, current)) {
            errors.put("currentPassword", "Mật khẩu hiện tại không đúng.");
        }
        String problem = StaffAccounts.passwordProblem(newPassword);
        if (problem != null) {
            errors.put("newPassword", problem);
        } else if (newPassword.equals(current)) {
            errors.put("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.");
        }
        if (newPassword == null || !newPassword.equals(repeat)) {
            errors.put("repeatPassword", "Hai lần nhập mật khẩu mới không khớp.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        try {
            User user = identity.createUserQuery().userId(userId).singleResult();
            user.setPassword(newPassword);
            identity.saveUser(user);
        } catch (UnsupportedOperationException e) {
            throw new vn.vanthu.system.ConflictException(
                    "Danh bạ cán bộ chỉ đọc (LDAP): đổi mật khẩu trong thư mục của cơ quan.");
        }
        jdbc.update("delete from password_change_required where user_id = ?", userId);
    }
}
