package vn.vanthu.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import vn.vanthu.directory.Directory;

/**
 * The embedded default: Camunda's identity service holds the users, their passwords and groups. With
 * single sign-on (oidc) it still checks the passwords of HTTP Basic (API clients, service accounts)
 * and of the sign-in form, kept for local accounts.
 */
@Component
@ConditionalOnExpression("'${vanthu.identity.mode:embedded}'.toLowerCase() != 'ldap'")
class CamundaPasswordCheck implements PasswordCheck {

    private final IdentityService identity;
    private final Directory directory;

    CamundaPasswordCheck(IdentityService identity, Directory directory) {
        this.identity = identity;
        this.directory = directory;
    }

    @Override
    public Optional<List<String>> rolesIfRight(String user, String password) {
        return identity.checkPassword(user, password) ? Optional.of(directory.groupsOf(user)) : Optional.empty();
    }
}
