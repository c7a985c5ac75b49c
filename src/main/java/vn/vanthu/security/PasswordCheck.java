package vn.vanthu.security;

import java.util.List;
import java.util.Optional;

/**
 * Where a password is checked (vanthu.identity.mode, docs/identity.md): Camunda's own user table in
 * the embedded default, the office's directory with ldap. {@link CamundaIdentityAuthentication}
 * throttles and records around it whichever it is.
 */
interface PasswordCheck {

    /** The user's roles ({@link vn.vanthu.directory.Groups}) if the password is right, empty if not. */
    Optional<List<String>> rolesIfRight(String user, String password);
}
