package vn.vanthu.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.vanthu.directory.GroupMapping;
import vn.vanthu.directory.Groups;
import vn.vanthu.directory.PasswordChanges;

/**
 * Who may call what. The API takes HTTP Basic or the UI's session; CSRF protects every page and
 * every API call that has a session cookie ({@link #API_CLIENT_WITHOUT_SESSION}). The Camunda
 * webapps under /camunda keep their own sign-in and CSRF; /engine-rest is for administrators; both are
 * limited to what operators need by {@link CamundaApiGuard}.
 */
@Configuration
class SecurityConfiguration {

    private static final RequestMatcher API =
            new OrRequestMatcher(new AntPathRequestMatcher("/api/**"), new AntPathRequestMatcher("/actuator/**"));

    /**
     * The health probes anyone may ask (a load balancer, Kubernetes, systemd): they answer the status
     * only; its parts and their details go to administrators (management.endpoint.health.show-*).
     */
    static final String[] PROBES = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"};

    private static final RequestMatcher BASIC_AUTH = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null
            && request.getHeader(HttpHeaders.AUTHORIZATION).regionMatches(true, 0, "Basic ", 0, 6);

    /**
     * The only requests CSRF does not check besides Camunda's and the public ones: an API call carrying
     * its own Basic credentials and no session cookie. Another site can make a browser send a cached
     * Basic header, or the session cookie, with a forged request; it cannot make it send a request
     * without the cookie it holds. Pages are always checked.
     */
    static final RequestMatcher API_CLIENT_WITHOUT_SESSION =
            request -> new AntPathRequestMatcher("/api/**").matches(request)
                    && BASIC_AUTH.matches(request)
                    && !hasSessionCookie(request);

    private static boolean hasSessionCookie(HttpServletRequest request) {
        if (request.getRequestedSessionId() != null) {
            return true;
        }
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie cookie : cookies) {
                String name = cookie.getName().toUpperCase(java.util.Locale.ROOT);
                if (name.equals("SESSION") || name.equals("JSESSIONID")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A browser asking for a page: it gets the sign-in page, never a Basic challenge (the password pop-up). */
    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
    }

    /** The OpenAPI description and Swagger UI. */
    static final String[] API_DESCRIPTION = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html"};

    /**
     * Our pages and API: scripts only from our own files (no inline script or on* handler), embedded
     * objects only our own (the PDF previews in the task and document pages are &lt;object&gt;s of our
     * PDFs: 'none' left them blank), forms and frames only to and from ourselves. Styles may be
     * inline: a few pages and the emails shown in /mailbox carry their own, and a style cannot run code.
     * Our scripts may also call loopback, where the sign page finds the leader's local signing agent
     * (vanthu.signing.client.agent-url, loopback only; docs/signing-agent.md), and nowhere else.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self' http://127.0.0.1:* http://localhost:*; "
            + "object-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    /**
     * Camunda's webapps use inline scripts and set a Content-Security-Policy of their own (their
     * HeaderSecurity filter), so ours is not written there.
     */
    static final RequestMatcher OUR_OWN = new NegatedRequestMatcher(new AntPathRequestMatcher("/camunda/**"));

    static boolean isProd(Environment environment) {
        return environment.acceptsProfiles(Profiles.of("prod"));
    }

    /**
     * Who may read the API description: anyone on the embedded default (a developer's machine),
     * staff in production, where it maps every endpoint for whoever asks.
     */
    static AuthorizationManager<RequestAuthorizationContext> apiDescription(boolean prod) {
        return prod
                ? AuthorityAuthorizationManager.hasAnyAuthority(Groups.STAFF.toArray(String[]::new))
                : (authentication, context) -> new AuthorizationDecision(true);
    }

    @Bean
    SecurityFilterChain filterChain(
            HttpSecurity http,
            LoginThrottle throttle,
            Environment environment,
            IdentitySettings identity,
            GroupMapping mapping,
            PasswordChanges passwordChanges)
            throws Exception {
        boolean prod = isProd(environment);
        // after a password reset by an administrator: the change-password page and nothing else
        http.addFilterBefore(
                new PasswordChangeGate(passwordChanges),
                org.springframework.security.web.access.intercept.AuthorizationFilter.class);
        if (identity.mode() == IdentitySettings.Mode.OIDC) {
            // single sign-on (docs/identity.md): a page that needs a sign-in goes to the OpenID provider;
            // the sign-in form stays for local accounts, HTTP Basic for API clients
            String start = "/oauth2/authorization/" + identity.oidc().registration();
            http.oauth2Login(oidc -> oidc.defaultSuccessUrl("/", false)
                            .userInfoEndpoint(user -> user.userAuthoritiesMapper(
                                    OidcLogin.roles(mapping, identity.oidc().groupsClaim()))))
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                    SecurityConfiguration::unauthorized, API)
                            .defaultAuthenticationEntryPointFor(
                                    new LoginUrlAuthenticationEntryPoint(start), AnyRequestMatcher.INSTANCE));
        }
        // the login throttle counts per client address, the forwarded one behind our reverse proxy
        ClientDetails.Source details = new ClientDetails.Source(throttle);
        // under single sign-on Camunda's webapps sign in through the provider too (WebappSingleSignOn)
        boolean webappsThroughProvider = identity.mode() == IdentitySettings.Mode.OIDC;
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/camunda/app/**")
                        .access(
                                webappsThroughProvider
                                        ? AuthenticatedAuthorizationManager.authenticated()
                                        : (authentication, context) -> new AuthorizationDecision(true))
                        .requestMatchers("/camunda/**")
                        .permitAll()
                        .requestMatchers(API_DESCRIPTION)
                        .access(apiDescription(prod))
                        .requestMatchers("/engine-rest/**")
                        .hasAuthority(Groups.ADMINS)
                        // health and metrics (docs/monitoring.md): probes for anyone, the scrape for a
                        // monitoring account or an administrator, the rest of Actuator for administrators
                        .requestMatchers(HttpMethod.GET, PROBES)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                        .hasAnyAuthority(Groups.MONITORING, Groups.ADMINS)
                        .requestMatchers("/actuator", "/actuator/**")
                        .hasAuthority(Groups.ADMINS)
                        // the clerks keep the leaders' diary: they record a leader's absence too (AccessPolicy decides)
                        .requestMatchers(HttpMethod.POST, "/api/admin/absences")
                        .hasAnyAuthority(Groups.CLERKS, Groups.ADMINS)
                        .requestMatchers("/api/admin/**")
                        .hasAuthority(Groups.ADMINS)
                        // the public board, the signature check, and the API description need no sign-in
                        // /r/**: a recipient's personal links, authorised by their unguessable token
                        .requestMatchers(
                                "/api/public/**",
                                "/thong-bao/**",
                                "/xac-minh",
                                "/r/**",
                                "/css/**",
                                "/js/**",
                                "/webjars/**",
                                "/login",
                                "/error",
                                "/favicon.ico")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.realmName("Van thu")
                        .authenticationDetailsSource(details)
                        .authenticationEntryPoint(SecurityConfiguration::unauthorized))
                // the Vietnamese sign-in page of the web UI (web.LoginController); after it, "Việc cần làm"
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/", false)
                        .authenticationDetailsSource(details)
                        .failureHandler(SecurityConfiguration::loginFailed))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?da-thoat"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        new AntPathRequestMatcher("/camunda/**"),
                        new AntPathRequestMatcher("/engine-rest/**"),
                        new AntPathRequestMatcher("/api/public/**"),
                        // the public signature check changes nothing, and a too-large upload must get
                        // a readable answer rather than a CSRF refusal (the token is in the cut-off body)
                        new AntPathRequestMatcher("/xac-minh"),
                        API_CLIENT_WITHOUT_SESSION))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                SecurityConfiguration::unauthorized, API)
                        .defaultAccessDeniedHandlerFor(SecurityConfiguration::denied, API)
                        // pages: a plain 403 (templates/error/403.html), never the API's 401 with its Basic
                        // challenge, which would pop up the browser's password dialog on an expired form
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .headers(headers -> {
                    headers.frameOptions(frame -> frame.sameOrigin())
                            .contentTypeOptions(options -> {}) // X-Content-Type-Options: nosniff
                            // links in our pages carry no document ids or tokens to other sites
                            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                            .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                    OUR_OWN, new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY)));
                    if (prod) {
                        // written on HTTPS requests only, which behind the proxy needs
                        // server.forward-headers-strategy (application-prod.yaml)
                        headers.httpStrictTransportSecurity(
                                hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000));
                    } else {
                        headers.httpStrictTransportSecurity(hsts -> hsts.disable());
                    }
                });
        return http.build();
    }

    /**
     * Camunda's APIs go through {@link CamundaApiGuard}: after Spring Security (order -100), so that
     * /engine-rest callers are known, and before the webapps' filters and Jersey servlets, which Camunda's
     * starter registers last.
     */
    @Bean
    FilterRegistrationBean<CamundaApiGuard> camundaApiGuard(
            LoginThrottle throttle, SecurityAudit audit, PasswordChanges passwordChanges) {
        FilterRegistrationBean<CamundaApiGuard> registration =
                new FilterRegistrationBean<>(new CamundaApiGuard(throttle, audit, passwordChanges));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setName("camundaApiGuard");
        return registration;
    }

    /** Odd paths under Camunda's webapps and REST API: 400 before Spring Security or Jersey read them. */
    @Bean
    FilterRegistrationBean<OddPathGuard> oddPathGuard() {
        FilterRegistrationBean<OddPathGuard> registration = new FilterRegistrationBean<>(new OddPathGuard());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        registration.setName("oddPathGuard");
        return registration;
    }

    /**
     * A path Spring Security's firewall (StrictHttpFirewall) rejects: 400 with a short problem, never a
     * 500 with the exception.
     */
    @Bean
    org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) ->
                problem(response, 400, "Yêu cầu không hợp lệ", "Đường dẫn không hợp lệ.");
    }

    /** The sign-in form again, saying whether the password was wrong or sign-in is paused for a while. */
    private static void loginFailed(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e)
            throws IOException {
        String target = e instanceof LoginThrottledException throttled
                ? "/login?tam-khoa=" + throttled.minutes()
                : "/login?loi";
        response.sendRedirect(request.getContextPath() + target);
    }

    /** A CSRF refusal of someone not signed in is a missing sign-in (401), not a refusal (403). */
    private static void denied(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException denied)
            throws IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn =
                current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken);
        if (denied instanceof CsrfException && !signedIn) {
            unauthorized(request, response, null);
        } else if (denied instanceof CsrfException) {
            problem(response, 403, "Không có quyền", "Thiếu mã chống giả mạo (CSRF) của phiên đăng nhập.");
        } else {
            problem(response, 403, "Không có quyền", "Tài khoản này không được làm việc này.");
        }
    }

    private static void unauthorized(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e)
            throws IOException {
        if (wantsHtml(request)) {
            String target = e instanceof LoginThrottledException throttled
                    ? "/login?tam-khoa=" + throttled.minutes()
                    : "/login";
            response.sendRedirect(request.getContextPath() + target);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Van thu\"");
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.minutes() * 60));
            problem(response, 401, "Chưa đăng nhập", throttled.getMessage());
            return;
        }
        problem(response, 401, "Chưa đăng nhập", "Cần đăng nhập (HTTP Basic hoặc phiên đăng nhập) để dùng API này.");
    }

    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter()
                .write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                        + detail + "\"}");
    }
}
