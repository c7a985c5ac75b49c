package vn.vanthu.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the users are (docs/identity.md). The connection to the directory is Spring Boot's spring.ldap.*
 * (urls, base, username, password); the role mapping is vanthu.identity.groups (directory.GroupMapping).
 *
 * @param mode embedded (Camunda's own user table, the demo users), ldap (the office's directory),
 *             oidc (single sign-on by an OpenID provider for people; the user store stays Camunda's table)
 */
@ConfigurationProperties("vanthu.identity")
record IdentitySettings(
        @DefaultValue("embedded") Mode mode,
        @DefaultValue Ldap ldap,
        @DefaultValue Oidc oidc) {

    public enum Mode {
        EMBEDDED,
        LDAP,
        OIDC
    }

    /**
     * Single sign-on (mode oidc). The provider itself is Spring Boot's
     * spring.security.oauth2.client.registration.{registration}.* and provider.{registration}.*; its
     * user-name-attribute is the claim that is the user id (e.g. preferred_username).
     *
     * @param registration the client registration's id: pages that need a sign-in go to the provider through it
     * @param groupsClaim  the ID token's (or user info's) claim listing the user's groups, mapped by vanthu.identity.groups
     */
    public record Oidc(
            @DefaultValue("vanthu") String registration,
            @DefaultValue("groups") String groupsClaim) {}

    /**
     * Where users and groups are in the directory, relative to spring.ldap.base. The defaults suit an
     * OpenLDAP-style tree (inetOrgPerson users, groupOfNames groups); for Active Directory see
     * docs/identity.md.
     *
     * @param userSearchBase     where the users are
     * @param userIdAttribute    the attribute that is the user id people sign in with
     * @param userObjectFilter   what is a user
     * @param groupSearchBase    where the groups are
     * @param groupIdAttribute   the attribute that is the group id (mapped to roles by vanthu.identity.groups)
     * @param groupObjectFilter  what is a group
     * @param groupMemberAttribute the attribute of a group naming its members' DNs
     * @param firstNameAttribute the user's given name
     * @param lastNameAttribute  the user's family name
     * @param emailAttribute     the user's email (a signer's key notices go there)
     * @param acceptUntrustedCertificates for ldaps:// with a self-signed certificate (tests only)
     */
    public record Ldap(
            @DefaultValue("ou=people") String userSearchBase,
            @DefaultValue("uid") String userIdAttribute,
            @DefaultValue("(objectClass=inetOrgPerson)") String userObjectFilter,
            @DefaultValue("ou=groups") String groupSearchBase,
            @DefaultValue("cn") String groupIdAttribute,
            @DefaultValue("(objectClass=groupOfNames)") String groupObjectFilter,
            @DefaultValue("member") String groupMemberAttribute,
            @DefaultValue("givenName") String firstNameAttribute,
            @DefaultValue("sn") String lastNameAttribute,
            @DefaultValue("mail") String emailAttribute,
            @DefaultValue("false") boolean acceptUntrustedCertificates) {}
}
