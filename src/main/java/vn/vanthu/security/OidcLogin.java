package vn.vanthu.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import vn.vanthu.directory.GroupMapping;

/**
 * Single sign-on (vanthu.identity.mode=oidc, docs/identity.md): the roles of a person signed in by
 * the OpenID provider are the groups its token lists (vanthu.identity.oidc.groups-claim), mapped by
 * vanthu.identity.groups — and nothing else (the provider's scopes are no roles of Văn thư).
 */
final class OidcLogin {

    private OidcLogin() {}

    static GrantedAuthoritiesMapper roles(GroupMapping mapping, String groupsClaim) {
        return authorities -> {
            List<String> groups = new ArrayList<>();
            for (GrantedAuthority authority : authorities) {
                Object claim = null;
                if (authority instanceof OidcUserAuthority oidc) {
                    claim = oidc.getIdToken().getClaims().get(groupsClaim);
                    if (claim == null && oidc.getUserInfo() != null) {
                        claim = oidc.getUserInfo().getClaims().get(groupsClaim);
                    }
                } else if (authority instanceof OAuth2UserAuthority user) {
                    claim = user.getAttributes().get(groupsClaim);
                }
                if (claim instanceof Collection<?> values) {
                    values.forEach(v -> groups.add(String.valueOf(v)));
                } else if (claim instanceof String value) {
                    groups.add(value);
                }
            }
            Set<GrantedAuthority> roles = mapping.roles(groups).stream()
                    .map(SimpleGrantedAuthority::new)
                    .collect(Collectors.toSet());
            return roles;
        };
    }
}
