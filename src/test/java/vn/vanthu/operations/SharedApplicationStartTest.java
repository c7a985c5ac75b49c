package vn.vanthu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.BesideTheOthers;
import vn.vanthu.support.IntegrationTest;

/**
 * The shared application, started beside the tests in line that need no Spring (the signing rules,
 * the renderer, the process on a bare engine), so that the first class that needs it finds it in
 * Spring's context cache instead of waiting out its start (junit-platform.properties). Its one check is
 * what a load balancer asks of a node that has just started: ready, and the sign-in page served.
 */
@BesideTheOthers
@Order(BesideTheOthers.SHARED_APPLICATION_SECOND)
class SharedApplicationStartTest extends IntegrationTest {

    @Test
    void theStartedApplicationIsReadyAndServesTheSignInPage() {
        Api.Response readiness = anonymous().get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
        Api.Response login = anonymous().get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text()).contains("name=\"username\"");
    }
}
