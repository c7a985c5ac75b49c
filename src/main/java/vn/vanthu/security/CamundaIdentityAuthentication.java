package vn.vanthu.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

import vn.vanthu.directory.Directory;

/**
 * Signs people in against Camunda's identity service, the one user store of Văn thư and of the
 * Camunda webapps. The authorities are the user's group ids (drafters, reviewers, …).
 */
@Component
class CamundaIdentityAuthentication implements AuthenticationProvider {

    private final IdentityService identity;
    private final Directory directory;

    CamundaIdentityAuthentication(IdentityService identity, Directory directory) {
        this.identity = identity;
        this.directory = directory;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        if (user == null || user.isBlank() || credentials == null
                || !identity.checkPassword(user, credentials.toString())) {
            throw new BadCredentialsException("Sai tên đăng nhập hoặc mật khẩu.");
        }
        List<SimpleGrantedAuthority> authorities = directory.groupsOf(user).stream()
                .map(SimpleGrantedAuthority::new).toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
