package vn.vanthu.directory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which group of the user store is which role of Văn thư ({@link Groups}): in an office's directory
 * (LDAP, Active Directory, the OpenID provider's groups claim) the groups have the office's own
 * names. vanthu.identity.groups.{role}: the directory's group id for that role; a role not
 * mentioned keeps its own name (the embedded default: every group is its role).
 */
@ConfigurationProperties("vanthu.identity")
public record GroupMapping(@DefaultValue Map<String, String> groups) {

    /** The user store's group that is this role. */
    public String directoryGroup(String role) {
        String mapped = groups.get(role);
        return mapped == null || mapped.isBlank() ? role : mapped;
    }

    /** The roles these user-store groups give; groups that are no role of Văn thư are dropped. */
    public List<String> roles(Collection<String> directoryGroups) {
        return List.of(
                        Groups.DRAFTERS,
                        Groups.DEPUTY_REVIEWERS,
                        Groups.REVIEWERS,
                        Groups.SIGNERS,
                        Groups.CLERKS,
                        Groups.BOARDS,
                        Groups.ADMINS,
                        Groups.MONITORING)
                .stream()
                .filter(role -> directoryGroups.stream().anyMatch(g -> g.equalsIgnoreCase(directoryGroup(role))))
                .toList();
    }
}
