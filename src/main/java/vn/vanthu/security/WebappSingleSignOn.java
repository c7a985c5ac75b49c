package vn.vanthu.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Single sign-on into Camunda's webapps too (vanthu.identity.mode=oidc): Camunda's container-based
 * authentication takes the person Spring Security signed in through the OpenID provider, with the
 * roles mapped from the token's groups, so Cockpit, Tasklist and Admin ask for no password of their
 * own. Their pages need a sign-in (SecurityConfiguration sends them to the provider). The person must
 * also be a user of the engine's identity service (its table or LDAP), as the webapps require.
 */
@Configuration
@ConditionalOnProperty(name = "vanthu.identity.mode", havingValue = "oidc")
class WebappSingleSignOn {

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappContainerAuthentication() {
        FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(Map.of("authentication-provider", SpringSecurityUser.class.getName()));
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        // inside Spring Security's chain (order -100), so that its SecurityContext is there to read
        registration.setOrder(101);
        return registration;
    }

    /** The webapps' user: Spring Security's, with its roles as Camunda groups. Instantiated by Camunda's filter. */
    public static class SpringSecurityUser implements AuthenticationProvider {

        @Override
        public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
            Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
            if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
                return AuthenticationResult.unsuccessful();
            }
            // Camunda's webapps know only the users of the engine's identity service (its table, or
            // LDAP): someone known to the provider alone is refused (401), not met with an error
            if (engine.getIdentityService()
                            .createUserQuery()
                            .userId(signedIn.getName())
                            .count()
                    == 0) {
                return AuthenticationResult.unsuccessful();
            }
            AuthenticationResult result = AuthenticationResult.successful(signedIn.getName());
            result.setGroups(signedIn.getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority)
                    .toList());
            return result;
        }

        @Override
        public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
            // Spring Security's entry point has already sent the person to the provider
        }
    }
}
