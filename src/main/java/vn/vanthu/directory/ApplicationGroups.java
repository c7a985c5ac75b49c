package vn.vanthu.directory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Văn thư's groups, created at start in every profile when the identity is writable (Camunda's own
 * tables; not a directory, vanthu.identity.mode=ldap, whose groups are the office's). Without them a
 * fresh production database could not give an account a role: the groups used to come only with the
 * demo users ({@link DemoDirectory}). Idempotent.
 */
@Component
public class ApplicationGroups implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ApplicationGroups.class);

    /** The groups and the names people read. Camunda's administrators' group comes with its admin user. */
    static final Map<String, String> NAMES = names();

    private final IdentityService identity;

    ApplicationGroups(IdentityService identity) {
        this.identity = identity;
    }

    private static Map<String, String> names() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(Groups.DRAFTERS, "Chuyên viên soạn thảo");
        names.put(Groups.DEPUTY_REVIEWERS, "Phó Chánh Văn phòng");
        names.put(Groups.REVIEWERS, "Lãnh đạo Văn phòng");
        names.put(Groups.SIGNERS, "Lãnh đạo ký");
        names.put(Groups.CLERKS, "Văn thư");
        names.put(Groups.BOARDS, "Các ban tham mưu");
        return Map.copyOf(names);
    }

    /** The name people read for one of these groups (Camunda's administrators' too); the id otherwise. */
    public static String name(String groupId) {
        return Groups.ADMINS.equals(groupId) ? "Quản trị hệ thống" : NAMES.getOrDefault(groupId, groupId);
    }

    @Override
    public void afterSingletonsInstantiated() {
        ensure();
    }

    /** Creates the groups that are missing; nothing with a read-only directory. */
    public void ensure() {
        if (identity.isReadOnly()) {
            return;
        }
        NAMES.forEach((id, name) -> {
            if (identity.createGroupQuery().groupId(id).count() == 0) {
                Group group = identity.newGroup(id);
                group.setName(name);
                group.setType("WORKFLOW");
                identity.saveGroup(group);
                log.info("Group {} ({}) created", id, name);
            }
        });
    }
}
