package vn.vanthu.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Spring's sign-in details plus the client's address as the login throttle sees it (X-Forwarded-For from our proxy). */
final class ClientDetails extends WebAuthenticationDetails {

    private final String clientAddress;

    private ClientDetails(HttpServletRequest request, String clientAddress) {
        super(request);
        this.clientAddress = clientAddress;
    }

    String clientAddress() {
        return clientAddress;
    }

    /** For form login and HTTP Basic (SecurityConfiguration). */
    record Source(LoginThrottle throttle)
            implements AuthenticationDetailsSource<HttpServletRequest, WebAuthenticationDetails> {
        @Override
        public WebAuthenticationDetails buildDetails(HttpServletRequest request) {
            return new ClientDetails(request, throttle.clientAddress(request));
        }
    }
}
