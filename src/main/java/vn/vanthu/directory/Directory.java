package vn.vanthu.directory;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who is who. People and groups live in Camunda's identity service (so Admin manages them and
 * Tasklist knows them); a signer's position lives in our table signer_position.
 */
@Service
public class Directory {

    private final IdentityService identity;
    private final JdbcTemplate jdbc;
    private final GroupMapping mapping;

    public Directory(IdentityService identity, JdbcTemplate jdbc, GroupMapping mapping) {
        this.identity = identity;
        this.jdbc = jdbc;
        this.mapping = mapping;
    }

    public Optional<User> user(String userId) {
        if (userId == null || userId.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult());
    }

    public String fullName(String userId) {
        return user(userId).map(Directory::fullName).orElse(userId);
    }

    /** The user's roles ({@link Groups}), from the user store's groups through {@link GroupMapping}. */
    public List<String> groupsOf(String userId) {
        return mapping.roles(identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList());
    }

    /** The ids of a group's members, in id order. */
    public List<String> membersOf(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                .map(User::getId)
                .toList();
    }

    /** Whether the user has this role ({@link Groups}). */
    public boolean isMember(String userId, String groupId) {
        return identity.createUserQuery()
                        .userId(userId)
                        .memberOfGroup(mapping.directoryGroup(groupId))
                        .count()
                > 0;
    }

    /** The signer with this id, if the user is in the signers group and has a position. */
    public Optional<Signer> signer(String userId) {
        if (userId == null || !isMember(userId, Groups.SIGNERS)) {
            return Optional.empty();
        }
        return user(userId)
                .flatMap(user -> position(userId)
                        .map(position -> new Signer(userId, fullName(user), position, user.getEmail())));
    }

    public List<Signer> signers() {
        return identity
                .createUserQuery()
                .memberOfGroup(mapping.directoryGroup(Groups.SIGNERS))
                .orderByUserId()
                .asc()
                .list()
                .stream()
                .flatMap(user -> position(user.getId())
                        .map(position -> new Signer(user.getId(), fullName(user), position, user.getEmail()))
                        .stream())
                .toList();
    }

    public void setPosition(String userId, String position) {
        int updated = jdbc.update("update signer_position set position = ? where user_id = ?", position, userId);
        if (updated == 0) {
            jdbc.update("insert into signer_position (user_id, position) values (?, ?)", userId, position);
        }
    }

    /**
     * Locks the signer's row until the caller's transaction ends, so that one signer's records
     * elsewhere (absences) are written one at a time; nothing when the user is no signer.
     */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void lockSigner(String userId) {
        jdbc.query("select user_id from signer_position where user_id = ? for update", (rs, i) -> 1, userId);
    }

    private Optional<String> position(String userId) {
        return jdbc
                .query("select position from signer_position where user_id = ?", (rs, i) -> rs.getString(1), userId)
                .stream()
                .findFirst();
    }

    private static String fullName(User user) {
        String first = user.getFirstName() == null ? "" : user.getFirstName().trim();
        String last = user.getLastName() == null ? "" : user.getLastName().trim();
        String name = (first + " " + last).trim();
        return name.isEmpty() ? user.getId() : name;
    }
}
