package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import vn.vanthu.directory.Groups;

/** The prod-only rule for the OpenAPI description and Swagger UI, without starting prod. */
class ApiDescriptionAccessTest {

    static final Authentication ANONYMOUS = new AnonymousAuthenticationToken(
            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    static final Authentication DRAFTER = UsernamePasswordAuthenticationToken.authenticated(
            "chuyenvien", null, AuthorityUtils.createAuthorityList(Groups.DRAFTERS));
    static final Authentication NO_GROUP =
            UsernamePasswordAuthenticationToken.authenticated("khach", null, AuthorityUtils.createAuthorityList());

    static boolean granted(boolean prod, Authentication who) {
        return SecurityConfiguration.apiDescription(prod)
                .authorize(
                        () -> who, new RequestAuthorizationContext(new MockHttpServletRequest("GET", "/v3/api-docs")))
                .isGranted();
    }

    @Test
    void inProdOnlyStaffReadTheApiDescription() {
        assertThat(granted(true, ANONYMOUS)).isFalse();
        assertThat(granted(true, NO_GROUP)).isFalse();
        assertThat(granted(true, DRAFTER)).isTrue();
        for (String group : Groups.STAFF) {
            assertThat(granted(
                            true,
                            UsernamePasswordAuthenticationToken.authenticated(
                                    "x", null, AuthorityUtils.createAuthorityList(group))))
                    .as(group)
                    .isTrue();
        }
    }

    @Test
    void onTheEmbeddedDefaultAnyoneDoes() {
        assertThat(granted(false, ANONYMOUS)).isTrue();
    }

    @Test
    void theRuleCoversTheDescriptionAndSwaggerUi() {
        assertThat(List.of(SecurityConfiguration.API_DESCRIPTION))
                .contains("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html");
    }

    @Test
    void prodIsRecognisedFromTheActiveProfiles() {
        assertThat(SecurityConfiguration.isProd(new MockEnvironment())).isFalse();
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");
        assertThat(SecurityConfiguration.isProd(prod)).isTrue();
    }
}
