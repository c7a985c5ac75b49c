package vn.vanthu.security;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat's RemoteIpValve (server.forward-headers-strategy: native, the prod profile) believes
 * X-Forwarded-For/-Proto from exactly the proxies in {@code vanthu.security.login.trusted-proxies},
 * like {@link ClientAddress}; not from Tomcat's default of every private and loopback address, which
 * let anyone inside the network pick the address the sign-in throttle and the security trail see.
 * No proxy configured: the valve trusts nobody. Runs after Spring Boot's own customizer, which adds the valve.
 */
@Component
@ConditionalOnClass(RemoteIpValve.class)
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private final SecuritySettings settings;

    TrustedProxies(SecuritySettings settings) {
        this.settings = settings;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        String regex = regex(settings);
        factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast)
                .forEach(valve -> {
                    valve.setInternalProxies(regex); // "" is none at all
                    valve.setTrustedProxies("");
                });
    }

    /** The configured proxies' exact addresses, as a regular expression; "" for none. */
    static String regex(SecuritySettings settings) {
        return settings.login().trustedProxies().stream()
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
