package vn.vanthu.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * webapps under /camunda keep their own sign-in and CSRF; /engine-rest is for administrators.
 */
@Configuration
class SecurityConfiguration {

    private static final RequestMatcher API = new AntPathRequestMatcher("/api/**");
    private static final RequestMatcher BASIC_AUTH =
            request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    && request.getHeader(HttpHeaders.AUTHORIZATION).regionMatches(true, 0, "Basic ", 0, 6);

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/camunda/**").permitAll()
                        .requestMatchers("/engine-rest/**").hasAuthority(Groups.ADMINS)
                        // the public board, the signature check, and the API description need no sign-in
                        // /r/**: a recipient's personal links, authorised by their unguessable token
                        .requestMatchers("/api/public/**", "/thong-bao/**", "/xac-minh", "/r/**", "/v3/api-docs/**",
                                "/swagger-ui/**", "/swagger-ui.html", "/css/**", "/js/**", "/webjars/**",
                                "/login", "/error", "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("Van thu").authenticationEntryPoint(SecurityConfiguration::unauthorized))
                // the Vietnamese sign-in page of the web UI (web.LoginController); after it, "Việc cần làm"
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?loi"))
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
        problem(response, 401, "Chưa đăng nhập", "Cần đăng nhập (HTTP Basic hoặc phiên đăng nhập) để dùng API này.");
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
