package vn.vanthu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link CamundaApiRules} to /engine-rest/* and /camunda/api/*, and throttles the webapps' own
 * login (/camunda/api/admin/auth/user/{engine}/login/{app}), which calls Camunda's checkPassword
 * directly, past Spring Security: the same {@link LoginThrottle} as the app's login.
 * Registered after Spring Security (which has authenticated /engine-rest callers by then) and before the
 * webapps' filters and servlets (SecurityConfiguration#camundaApiGuard).
 */
class CamundaApiGuard extends OncePerRequestFilter {

    /** The login form is a few fields; anything larger is not a login. */
    private static final int MAX_LOGIN_BODY = 8 * 1024;

    private final LoginThrottle throttle;

    private final SecurityAudit audit;

    private final vn.vanthu.directory.PasswordChanges passwordChanges;

    CamundaApiGuard(LoginThrottle throttle, SecurityAudit audit, vn.vanthu.directory.PasswordChanges passwordChanges) {
        this.audit = audit;
        this.throttle = throttle;
        this.passwordChanges = passwordChanges;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // the decoded, normalised path the servlets dispatch on, not the raw URI (no %2F or ;jsessionid tricks)
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        String method = request.getMethod().toUpperCase(java.util.Locale.ROOT);
        if (request.getHeader("X-HTTP-Method-Override") != null
                || request.getHeader("X-HTTP-Method") != null
                || request.getHeader("X-Method-Override") != null) {
            SecurityConfiguration.problem(response, 403, "Không có quyền", "Không nhận yêu cầu đổi phương thức HTTP.");
            return;
        }
        String raw = request.getRequestURI();
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        if (!read && (raw.indexOf(';') >= 0 || raw.indexOf('%') >= 0)) {
            // a write names its target plainly: no path parameters or escapes that Jersey might read otherwise
            SecurityConfiguration.problem(response, 403, "Không có quyền", "Đường dẫn không hợp lệ cho thao tác ghi.");
            return;
        }
        CamundaApiRules.Caller caller = caller(request, path);
        Optional<String> refusal = CamundaApiRules.refusal(method, path, caller);
        if (refusal.isPresent()) {
            audit.record(
                    SecurityAudit.Kind.CAMUNDA_API_REFUSED,
                    caller.userId(),
                    throttle.clientAddress(request),
                    method + " " + path);
            SecurityConfiguration.problem(response, 403, "Không có quyền", refusal.get());
            return;
        }
        if (CamundaApiRules.isWebappLogin(method, path)) {
            login(request, response, chain);
            return;
        }
        chain.doFilter(request, response);
    }

    private void login(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
        if (body.length > MAX_LOGIN_BODY) {
            SecurityConfiguration.problem(response, 400, "Yêu cầu không hợp lệ", "Yêu cầu đăng nhập quá lớn.");
            return;
        }
        String user = formField(body, "username");
        if (user == null) {
            user = request.getParameter("username"); // body already read by the container
        }
        String address = throttle.clientAddress(request);
        if (user != null && !user.isBlank()) {
            Optional<java.time.Duration> wait = throttle.refusal(user, address);
            if (wait.isPresent()) {
                LoginThrottledException refused = new LoginThrottledException(wait.get());
                audit.record(SecurityAudit.Kind.LOGIN_THROTTLED, user, address, "Camunda webapps");
                response.setHeader("Retry-After", String.valueOf(refused.minutes() * 60));
                SecurityConfiguration.problem(response, 401, "Chưa đăng nhập", refused.getMessage());
                return;
            }
        }
        if (user != null && passwordChanges.required(user.strip())) {
            // reset by an administrator: the new password is chosen in Văn thư first (PasswordChangeGate)
            SecurityConfiguration.problem(
                    response,
                    403,
                    "Cần đổi mật khẩu",
                    "Đổi mật khẩu tại trang Văn thư (/doi-mat-khau) trước khi vào giao diện Camunda.");
            return;
        }
        chain.doFilter(new ReplayedBody(request, body), response);
        if (user != null && !user.isBlank()) {
            // Camunda answers 401 for a wrong password; 403 is a right password without access to the app
            if (response.getStatus() == 401) {
                throttle.failed(user, address);
                audit.record(SecurityAudit.Kind.LOGIN_FAILED, user, address, "Camunda webapps");
            } else if (response.getStatus() / 100 == 2 || response.getStatus() == 403) {
                throttle.succeeded(user, address);
            }
        }
    }

    private static CamundaApiRules.Caller caller(HttpServletRequest request, String path) {
        if (path.startsWith("/engine-rest")) {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication == null
                    || !authentication.isAuthenticated()
                    || authentication instanceof AnonymousAuthenticationToken) {
                return new CamundaApiRules.Caller(null, Set.of());
            }
            Set<String> groups = new HashSet<>();
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                groups.add(authority.getAuthority());
            }
            return new CamundaApiRules.Caller(authentication.getName(), groups);
        }
        // the webapps keep their own sign-in in the session; their AuthenticationFilter runs after this one
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null) {
            String engine = engineName(path);
            for (UserAuthentication user : authentications.getAuthentications()) {
                if (engine.equals(user.getProcessEngineName())) {
                    return new CamundaApiRules.Caller(
                            user.getIdentityId(),
                            user.getGroupIds() == null ? Set.of() : Set.copyOf(user.getGroupIds()));
                }
            }
        }
        return new CamundaApiRules.Caller(null, Set.of());
    }

    private static String engineName(String path) {
        String prefix = "/camunda/api/engine/engine/";
        if (path.startsWith(prefix)) {
            int end = path.indexOf('/', prefix.length());
            return end < 0 ? path.substring(prefix.length()) : path.substring(prefix.length(), end);
        }
        return "default";
    }

    private static String formField(byte[] body, String name) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The request with the body this filter read, so that the login resource reads it again. */
    private static final class ReplayedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
