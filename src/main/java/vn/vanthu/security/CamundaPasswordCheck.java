package vn.vanthu.security;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import vn.vanthu.directory.Directory;

/** The embedded default: Camunda's identity service holds the users, their passwords and groups. */
@Component
@ConditionalOnProperty(name = "vanthu.identity.mode", havingValue = "embedded", matchIfMissing = true)
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
