package vn.vanthu.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The caller's address as the security trail and the sign-in throttle record it: the connection's
 * address, or, when the connection comes from one of the configured reverse proxies
 * ({@code vanthu.security.login.trusted-proxies}), the last address in X-Forwarded-For that none of
 * them added. A header from anyone else is ignored: it would let a guesser choose its own address.
 */
final class ClientAddress {

    private ClientAddress() {}

    static String of(HttpServletRequest request, List<String> trustedProxies) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(remote)) {
            return remote;
        }
        // right to left: the last entry not added by one of our own proxies is the client
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remote;
    }
}
