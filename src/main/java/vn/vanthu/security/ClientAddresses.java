package vn.vanthu.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The caller's address for other modules (the public signature check's rate, for one), by the same
 * rule as the sign-in throttle and the security trail ({@link ClientAddress}): X-Forwarded-For counts
 * only from the reverse proxies in {@code vanthu.security.login.trusted-proxies}.
 */
@Component
public class ClientAddresses {

    private final List<String> trustedProxies;

    ClientAddresses(SecuritySettings settings) {
        this.trustedProxies = settings.login().trustedProxies();
    }

    public String of(HttpServletRequest request) {
        return ClientAddress.of(request, trustedProxies);
    }
}
