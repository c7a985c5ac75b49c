package vn.vanthu.security;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.ldap.core.support.BaseLdapPathContextSource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.authentication.LdapAuthenticationProvider;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;
import vn.vanthu.directory.GroupMapping;
import vn.vanthu.directory.Groups;

/**
 * vanthu.identity.mode=ldap: the office's directory is the user store (docs/identity.md). The app
 * checks passwords by binding as the user (Spring Security LDAP) and takes the roles from the
 * directory's groups; the engine, and so Cockpit, Tasklist and Admin, read users and groups from
 * the same directory through Camunda's LDAP identity plugin (read-only: people are managed in the
 * directory, not in Camunda's Admin). Spring Boot's spring.ldap.* names the server.
 */
@Configuration
@ConditionalOnProperty(name = "vanthu.identity.mode", havingValue = "ldap")
class LdapIdentityConfiguration {

    /** The engine's users and groups, from the directory. */
    @Bean
    LdapIdentityProviderPlugin ldapIdentityProviderPlugin(
            IdentitySettings settings,
            ObjectProvider<InMemoryDirectoryServer> embedded,
            @Value("${spring.ldap.urls:}") String urls,
            @Value("${spring.ldap.base:}") String base,
            @Value("${spring.ldap.username:}") String managerDn,
            @Value("${spring.ldap.password:}") String managerPassword) {
        // the demo directory (spring.ldap.embedded.*) is started first: the engine asks it at its own start
        InMemoryDirectoryServer demo = embedded.getIfAvailable();
        String url = !urls.isBlank()
                ? urls.split(",")[0].trim()
                : demo != null ? "ldap://127.0.0.1:" + demo.getListenPort() : null;
        if (url == null) {
            throw new IllegalStateException(
                    "vanthu.identity.mode=ldap needs the directory's address: spring.ldap.urls");
        }
        IdentitySettings.Ldap ldap = settings.ldap();
        LdapIdentityProviderPlugin plugin = new LdapIdentityProviderPlugin();
        plugin.setServerUrl(url);
        plugin.setBaseDn(base);
        plugin.setManagerDn(managerDn);
        plugin.setManagerPassword(managerPassword);
        plugin.setUserSearchBase(ldap.userSearchBase());
        plugin.setUserSearchFilter(ldap.userObjectFilter());
        plugin.setUserIdAttribute(ldap.userIdAttribute());
        plugin.setUserFirstnameAttribute(ldap.firstNameAttribute());
        plugin.setUserLastnameAttribute(ldap.lastNameAttribute());
        plugin.setUserEmailAttribute(ldap.emailAttribute());
        plugin.setGroupSearchBase(ldap.groupSearchBase());
        plugin.setGroupSearchFilter(ldap.groupObjectFilter());
        plugin.setGroupIdAttribute(ldap.groupIdAttribute());
        plugin.setGroupNameAttribute(ldap.groupIdAttribute());
        plugin.setGroupMemberAttribute(ldap.groupMemberAttribute());
        plugin.setAcceptUntrustedCertificates(ldap.acceptUntrustedCertificates());
        // an empty password would be an anonymous bind, which many servers accept
        plugin.setAllowAnonymousLogin(false);
        // the directory's server-side sort is not everywhere (OpenLDAP needs an overlay)
        plugin.setSortControlSupported(false);
        return plugin;
    }

    /** The directory's administrators' group has every right in the engine and its webapps. */
    @Bean
    AdministratorAuthorizationPlugin administratorAuthorizationPlugin(GroupMapping mapping) {
        AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
        plugin.setAdministratorGroupName(mapping.directoryGroup(Groups.ADMINS));
        return plugin;
    }

    /** The app's sign-in: a bind as the user found by id, then the groups whose member the user is. */
    @Bean
    PasswordCheck ldapPasswordCheck(
            BaseLdapPathContextSource contextSource, IdentitySettings settings, GroupMapping mapping) {
        IdentitySettings.Ldap ldap = settings.ldap();
        BindAuthenticator authenticator = new BindAuthenticator(contextSource);
        authenticator.setUserSearch(new FilterBasedLdapUserSearch(
                ldap.userSearchBase(),
                "(&" + ldap.userObjectFilter() + "(" + ldap.userIdAttribute() + "={0}))",
                contextSource));
        DefaultLdapAuthoritiesPopulator groups =
                new DefaultLdapAuthoritiesPopulator(contextSource, ldap.groupSearchBase());
        groups.setGroupSearchFilter("(&" + ldap.groupObjectFilter() + "(" + ldap.groupMemberAttribute() + "={0}))");
        groups.setGroupRoleAttribute(ldap.groupIdAttribute());
        groups.setRolePrefix("");
        groups.setConvertToUpperCase(false);
        groups.setSearchSubtree(true);
        LdapAuthenticationProvider provider = new LdapAuthenticationProvider(authenticator, groups);
        return (user, password) -> {
            try {
                var authenticated =
                        provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password));
                List<String> directoryGroups = authenticated.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .toList();
                return Optional.of(mapping.roles(directoryGroups));
            } catch (BadCredentialsException wrong) { // also an unknown user: the same answer
                return Optional.empty();
            }
            // any other failure (the directory unreachable) is no wrong password: it is not counted
            // against the user, and the sign-in fails with it
        };
    }
}
