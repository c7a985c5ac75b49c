package vn.vanthu.directory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * Staff accounts in Camunda's identity service (issue 14, item 3): create one, set its groups,
 * reset its password. Only Văn thư's roles can be given here ({@link Groups#STAFF}). With a
 * read-only directory (LDAP) the identity service refuses, and the office is told so.
 */
@Service
public class StaffAccounts {

    public record Account(String id, String fullName, String email, List<String> groups) {}

    public record NewAccount(
            String id, String firstName, String lastName, String email, String password, Collection<String> groups) {}

    private static final Pattern ID = Pattern.compile("^[a-z][a-z0-9._-]{1,39}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\",;()\\[\\]\\\\]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
    public static final int MIN_PASSWORD = 10;

    /** Who signs and who reviews: changes to these are told to the person and the other administrators. */
    public static final Set<String> SIGNING_AND_REVIEWING =
            Set.of(Groups.SIGNERS, Groups.REVIEWERS, Groups.DEPUTY_REVIEWERS);

    private final IdentityService identity;
    private final Directory directory;
    private final PasswordChanges passwordChanges;
    private final ApplicationEventPublisher events;

    StaffAccounts(
            IdentityService identity,
            Directory directory,
            PasswordChanges passwordChanges,
            ApplicationEventPublisher events) {
        this.identity = identity;
        this.directory = directory;
        this.passwordChanges = passwordChanges;
        this.events = events;
    }

    public List<Account> accounts() {
        return identity.createUserQuery().orderByUserId().asc().list().stream()
                .map(u -> new Account(
                        u.getId(), directory.fullName(u.getId()), u.getEmail(), directory.groupsOf(u.getId())))
                .toList();
    }

    public Account account(String id) {
        User user = directory.user(id).orElseThrow(() -> new NotFoundException("Không có tài khoản " + id + "."));
        return new Account(
                user.getId(), directory.fullName(user.getId()), user.getEmail(), directory.groupsOf(user.getId()));
    }

    /** All or nothing: the user and their memberships in one transaction (Camunda's commands join it). */
    @Transactional
    public Account create(NewAccount input) {
        Map<String, String> errors = new LinkedHashMap<>();
        String id = input.id() == null ? "" : input.id().strip();
        if (!ID.matcher(id).matches()) {
            errors.put("id", "Tên đăng nhập: 2–40 ký tự, chữ thường không dấu, số, dấu chấm, gạch; bắt đầu bằng chữ.");
        }
        String first = AddressBookAdmin.text(input.firstName(), "firstName", "Họ và tên đệm", 100, true, errors);
        String last = AddressBookAdmin.text(input.lastName(), "lastName", "Tên", 100, true, errors);
        String email = AddressBookAdmin.text(input.email(), "email", "Email", 320, true, errors);
        if (email != null
                && !errors.containsKey("email")
                && !EMAIL.matcher(email).matches()) {
            errors.put("email", "Email không hợp lệ.");
        }
        String passwordProblem = passwordProblem(input.password());
        if (passwordProblem != null) {
            errors.put("password", passwordProblem);
        }
        Set<String> groups = groups(input.groups(), errors);
        if (!errors.containsKey("groups")) {
            missingGroups(groups, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        if (directory.user(id).isPresent()) {
            throw new ConflictException("Đã có tài khoản " + id + ".");
        }
        try {
            User user = identity.newUser(id);
            user.setFirstName(first);
            user.setLastName(last);
            user.setEmail(email);
            user.setPassword(input.password());
            identity.saveUser(user);
            groups.forEach(g -> identity.createMembership(id, g));
        } catch (UnsupportedOperationException e) {
            throw new ConflictException("Danh bạ cán bộ chỉ đọc (LDAP): tạo tài khoản trong thư mục của cơ quan.");
        }
        return account(id);
    }

    /**
     * Sets the account's Văn thư groups to exactly these; returns the groups before. Separation of
     * duties: nobody changes their own groups (an administrator would otherwise make themselves a
     * reviewer or a signer and approve their own draft), and a change of who signs or reviews is
     * published ({@link StaffRolesChanged}) so that the person and the other administrators are told.
     */
    @Transactional
    public List<String> setGroups(String actor, String id, Collection<String> wanted) {
        Account account = account(id);
        if (actor == null || actor.equalsIgnoreCase(account.id())) {
            throw new ForbiddenException(
                    "Không ai tự đổi nhóm của chính mình: nhờ một quản trị viên khác làm việc này.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Set<String> groups = groups(wanted, errors);
        if (!errors.containsKey("groups")) {
            missingGroups(groups, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        // the store's own memberships: the roles (Directory#groupsOf) leave out deputyReviewers and boards
        List<String> before = memberships(id);
        try {
            for (String g : before) {
                if (Groups.STAFF.contains(g) && !groups.contains(g)) {
                    identity.deleteMembership(id, g);
                }
            }
            for (String g : groups) {
                if (!before.contains(g)) {
                    identity.createMembership(id, g);
                }
            }
        } catch (UnsupportedOperationException e) {
            throw new ConflictException("Danh bạ cán bộ chỉ đọc (LDAP): đổi nhóm trong thư mục của cơ quan.");
        }
        List<String> after = memberships(id);
        boolean rolesChanged = SIGNING_AND_REVIEWING.stream().anyMatch(g -> before.contains(g) != after.contains(g));
        if (rolesChanged) {
            events.publishEvent(new StaffRolesChanged(actor, id, before, after));
        }
        return before;
    }

    /**
     * An administrator sets a password. Someone else's: they must choose their own at the next sign-in
     * ({@link PasswordChanges}), so that the administrator cannot go on as them, and they are emailed.
     */
    @Transactional
    public void resetPassword(String actor, String id, String password) {
        account(id);
        String problem = passwordProblem(password);
        if (problem != null) {
            throw InvalidInputException.of("password", problem);
        }
        try {
            User user = identity.createUserQuery().userId(id).singleResult();
            user.setPassword(password);
            identity.saveUser(user);
            // a password reset also lifts Camunda's own lock of the account
            identity.unlockUser(id);
        } catch (UnsupportedOperationException e) {
            throw new ConflictException("Danh bạ cán bộ chỉ đọc (LDAP): đặt lại mật khẩu trong thư mục của cơ quan.");
        }
        if (actor == null || !actor.equalsIgnoreCase(id)) {
            passwordChanges.require(id, actor == null ? "?" : actor);
            events.publishEvent(new PasswordResetByAdministrator(actor, id));
        }
    }

    static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            return "Mật khẩu cần ít nhất " + MIN_PASSWORD + " ký tự.";
        }
        if (password.length() > 200) {
            return "Mật khẩu dài quá 200 ký tự.";
        }
        if (password.chars().distinct().count() < 4) {
            return "Mật khẩu quá đơn giản.";
        }
        return null;
    }

    /** The account's groups in the identity store, Văn thư's roles or not (the audit trail's before and after). */
    public List<String> memberships(String id) {
        return identity.createGroupQuery().groupMember(id).orderByGroupId().asc().list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId)
                .toList();
    }

    /** Groups not in the identity store (a fresh database before ApplicationGroups ran, or one removed). */
    private void missingGroups(Set<String> groups, Map<String, String> errors) {
        for (String g : groups) {
            if (identity.createGroupQuery().groupId(g).count() == 0) {
                errors.put("groups", "Nhóm " + g + " chưa có trong hệ thống: quản trị viên khởi động lại để tạo nhóm.");
            }
        }
    }

    private static Set<String> groups(Collection<String> wanted, Map<String, String> errors) {
        Set<String> groups = new LinkedHashSet<>();
        for (String g : wanted == null ? List.<String>of() : wanted) {
            if (!Groups.STAFF.contains(g)) {
                errors.put("groups", "Nhóm không hợp lệ: " + g + ".");
            } else {
                groups.add(g);
            }
        }
        return groups;
    }
}
