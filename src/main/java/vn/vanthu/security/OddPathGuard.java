package vn.vanthu.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Odd spellings of a path under /camunda and /engine-rest are a bad request (400), before anything
 * reads them: Tomcat merges "//" for the servlet mapping, but Camunda's Jersey servlets then compare
 * the raw URI with their context path and fail with a 500 and a stack trace in the log
 * (POST /camunda//api/admin/…). Dot segments, backslashes, escaped dots, slashes or backslashes and
 * path parameters have no use there either: Cockpit, Tasklist, Admin and REST clients never send them.
 */
class OddPathGuard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (odd(request.getRequestURI())) {
            SecurityConfiguration.problem(response, 400, "Yêu cầu không hợp lệ", "Đường dẫn không hợp lệ.");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean odd(String rawUri) {
        if (rawUri == null) {
            return true;
        }
        String uri = rawUri.toLowerCase(Locale.ROOT);
        return uri.contains("//")
                || uri.contains("/./")
                || uri.contains("/../")
                || uri.endsWith("/.")
                || uri.endsWith("/..")
                || uri.indexOf('\\') >= 0
                || uri.indexOf(';') >= 0
                || uri.contains("%2e")
                || uri.contains("%2f")
                || uri.contains("%5c")
                || uri.contains("%25")
                || uri.contains("%00")
                || uri.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
