package vn.vanthu.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import vn.vanthu.directory.Groups;

/** Who is asking: the signed-in user's id and groups (the authorities are the Camunda group ids). */
public record Caller(String userId, Set<String> groups) {

    public static Caller of(Authentication authentication) {
        Set<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .collect(Collectors.toUnmodifiableSet());
        return new Caller(authentication.getName(), groups);
    }

    public boolean isIn(String group) {
        return groups.contains(group);
    }

    public boolean isStaff() {
        return groups.stream().anyMatch(Groups.STAFF::contains);
    }
}
