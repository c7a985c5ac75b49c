package vn.vanthu.security;

import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs people in against the user store (a {@link PasswordCheck}: Camunda's identity service in the
 * embedded default, the office's directory with vanthu.identity.mode=ldap), the one user store of
 * Văn thư and of the Camunda webapps. The authorities are the user's roles (drafters, reviewers, …,
 * through vanthu.identity.groups). Form login and
 * HTTP Basic both come here, so both are throttled by {@link LoginThrottle}; the webapps' own login
 * is throttled in {@link CamundaApiGuard}.
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

    private final PasswordCheck passwords;
    private final LoginThrottle throttle;
    private final SecurityAudit audit;

    CamundaIdentityAuthentication(PasswordCheck passwords, LoginThrottle throttle, SecurityAudit audit) {
        this.audit = audit;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || credentials == null) {
            throw new BadCredentialsException("Sai tên đăng nhập hoặc mật khẩu.");
        }
        String address = clientAddress(authentication);
        // refused before the password is checked: a throttled guesser learns nothing, right or wrong
        throttle.refusal(user, address).ifPresent(wait -> {
            audit.record(SecurityAudit.Kind.LOGIN_THROTTLED, user, address, "chờ " + wait.toSeconds() + " giây");
            throw new LoginThrottledException(wait);
        });
        Optional<List<String>> roles = passwords.rolesIfRight(user, credentials.toString());
        if (roles.isEmpty()) {
            throttle.failed(user, address);
            audit.record(SecurityAudit.Kind.LOGIN_FAILED, user, address, null);
            throw new BadCredentialsException("Sai tên đăng nhập hoặc mật khẩu.");
        }
        throttle.succeeded(user, address);
        List<SimpleGrantedAuthority> authorities =
                roles.get().stream().map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    /** The request's client (behind a trusted proxy: the forwarded one), put in the details by {@link ClientDetails}. */
    private static String clientAddress(Authentication authentication) {
        if (authentication.getDetails() instanceof ClientDetails details) {
            return details.clientAddress();
        }
        if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
            return details.getRemoteAddress();
        }
        return "unknown";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
