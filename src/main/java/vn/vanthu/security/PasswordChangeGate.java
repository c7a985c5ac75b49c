package vn.vanthu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.vanthu.directory.PasswordChanges;

/**
 * Someone whose password an administrator reset does nothing but choose their own: pages lead to
 * /doi-mat-khau, the API answers 403 saying so. The administrator who knows the reset password thus
 * cannot act as them without the change (and its email) showing.
 */
class PasswordChangeGate extends OncePerRequestFilter {

    static final String PAGE = "/doi-mat-khau";
    private static final List<String> ALWAYS = List.of(PAGE, "/logout", "/login", "/error", "/favicon.ico");
    private static final List<String> ASSETS = List.of("/css/", "/js/", "/webjars/");

    private final PasswordChanges changes;

    PasswordChangeGate(PasswordChanges changes) {
        this.changes = changes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (auth == null
                || !auth.isAuthenticated()
                || auth instanceof AnonymousAuthenticationToken
                || ALWAYS.contains(path)
                || ASSETS.stream().anyMatch(path::startsWith)
                || path.startsWith("/camunda/") // the webapps' own sign-in, checked in CamundaApiGuard
                || !changes.required(auth.getName())) {
            chain.doFilter(request, response);
            return;
        }
        String accept = request.getHeader("Accept");
        boolean page = !path.startsWith("/api/")
                && !path.startsWith("/engine-rest")
                && !path.startsWith("/actuator")
                && (accept == null
                        || accept.contains("text/html")
                        || request.getMethod().equals("GET"));
        if (page && request.getMethod().equals("GET")) {
            response.sendRedirect(request.getContextPath() + PAGE);
            return;
        }
        SecurityConfiguration.problem(
                response,
                403,
                "Cần đổi mật khẩu",
                "Quản trị viên vừa đặt lại mật khẩu của tài khoản này: đổi mật khẩu tại " + PAGE
                        + " trước khi làm việc tiếp.");
    }
}
