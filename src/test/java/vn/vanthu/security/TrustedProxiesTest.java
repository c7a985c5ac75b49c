package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;

/** Tomcat believes X-Forwarded-* from exactly the configured proxies, and from nobody by default. */
class TrustedProxiesTest {

    static SecuritySettings settings(List<String> proxies) {
        return new SecuritySettings(
                new SecuritySettings.Login(
                        5,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        200,
                        10,
                        Duration.ofMinutes(15),
                        100,
                        proxies),
                true,
                Period.ofYears(2));
    }

    static RemoteIpValve customised(List<String> proxies) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        RemoteIpValve valve = new RemoteIpValve(); // as server.forward-headers-strategy: native adds it
        factory.addEngineValves(valve);
        new TrustedProxies(settings(proxies)).customize(factory);
        return valve;
    }

    @Test
    void noProxyConfiguredTrustsNobodyNotEvenLoopbackOrPrivateRanges() {
        RemoteIpValve valve = customised(List.of());
        assertThat(valve.getInternalProxies()).isNull();
        assertThat(valve.getTrustedProxies()).isNull();
    }

    @Test
    void theConfiguredProxyExactly() {
        String regex = customised(List.of("10.0.0.5", "127.0.0.1")).getInternalProxies();
        assertThat("10.0.0.5").matches(regex);
        assertThat("127.0.0.1").matches(regex);
        assertThat("10.0.0.50").doesNotMatch(regex);
        assertThat("10.0.0.6").doesNotMatch(regex);
        assertThat("192.168.1.1").doesNotMatch(regex);
        assertThat("10x0x0x5").doesNotMatch(regex);
    }
}
