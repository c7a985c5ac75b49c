package vn.vanthu.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import vn.vanthu.directory.Groups;

/**
 * Who may call what. The API takes HTTP Basic or the UI's session; CSRF protects session use
 * (a request carrying its own Basic credentials cannot be forged by another site). The Camunda
 * webapps under /camunda keep their own sign-in and CSRF; /engine-rest is for administrators; both are
 * limited to what operators need by {@link CamundaApiGuard}.
 */
@Configuration
class SecurityConfiguration {

    private static final RequestMatcher API = new AntPathRequestMatcher("/api/**");
    private static final RequestMatcher BASIC_AUTH =
            request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    && request.getHeader(HttpHeaders.AUTHORIZATION).regionMatches(true, 0, "Basic ", 0, 6);

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, LoginThrottle throttle) throws Exception {
        // the login throttle counts per client address, the forwarded one behind our reverse proxy
        ClientDetails.Source details = new ClientDetails.Source(throttle);
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/camunda/**").permitAll()
                        .requestMatchers("/engine-rest/**").hasAuthority(Groups.ADMINS)
                        .requestMatchers("/api/admin/**").hasAuthority(Groups.ADMINS)
                        // the public board, the signature check, and the API description need no sign-in
                        // /r/**: a recipient's personal links, authorised by their unguessable token
                        .requestMatchers("/api/public/**", "/thong-bao/**", "/xac-minh", "/r/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/css/**", "/js/**", "/webjars/**",
                                "/login", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Van thu").authenticationDetailsSource(details)
                        .authenticationEntryPoint(SecurityConfiguration::unauthorized))
                // the Vietnamese sign-in page of the web UI (web.LoginController); after it, "Việc cần làm"
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).authenticationDetailsSource(details)
                        .failureHandler(SecurityConfiguration::loginFailed))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?da-thoat"))
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        new AntPathRequestMatcher("/camunda/**"), new AntPathRequestMatcher("/engine-rest/**"),
                        new AntPathRequestMatcher("/api/public/**"),
                        // the public signature check changes nothing, and a too-large upload must get
                        // a readable answer rather than a CSRF refusal (the token is in the cut-off body)
                        new AntPathRequestMatcher("/xac-minh"), BASIC_AUTH))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(SecurityConfiguration::unauthorized, API)
                        .defaultAccessDeniedHandlerFor(SecurityConfiguration::denied, API)
                        // pages: a plain 403 (templates/error/403.html), never the API's 401 with its Basic
                        // challenge, which would pop up the browser's password dialog on an expired form
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    /**
     * Camunda's APIs go through {@link CamundaApiGuard}: after Spring Security (order -100), so that
     * /engine-rest callers are known, and before the webapps' filters and Jersey servlets, which Camunda's
     * starter registers last.
     */
    @Bean
    FilterRegistrationBean<CamundaApiGuard> camundaApiGuard(LoginThrottle throttle) {
        FilterRegistrationBean<CamundaApiGuard> registration = new FilterRegistrationBean<>(new CamundaApiGuard(throttle));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        registration.setName("camundaApiGuard");
        return registration;
    }

    /** The sign-in form again, saying whether the password was wrong or sign-in is paused for a while. */
    private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
                                    org.springframework.security.core.AuthenticationException e) throws IOException {
        String target = e instanceof LoginThrottledException throttled ? "/login?tam-khoa=" + throttled.minutes() : "/login?loi";
        response.sendRedirect(request.getContextPath() + target);
    }

    /** A CSRF refusal of someone not signed in is a missing sign-in (401), not a refusal (403). */
    private static void denied(HttpServletRequest request, HttpServletResponse response,
                               org.springframework.security.access.AccessDeniedException denied) throws IOException {
        Authentication current = SecurityContextHolder.getContext().getAuthentication();
        boolean signedIn = current != null && current.isAuthenticated() && !(current instanceof AnonymousAuthenticationToken);
        if (denied instanceof CsrfException && !signedIn) {
            unauthorized(request, response, null);
        } else if (denied instanceof CsrfException) {
            problem(response, 403, "Không có quyền", "Thiếu mã chống giả mạo (CSRF) của phiên đăng nhập.");
        } else {
            problem(response, 403, "Không có quyền", "Tài khoản này không được làm việc này.");
        }
    }

    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
                                     org.springframework.security.core.AuthenticationException e) throws IOException {
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
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
