package vn.vanthu.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vanthu.directory.Groups;

/**
 * What operators may do through Camunda's own APIs: /engine-rest and the webapps' /camunda/api/...
 * Camunda lets a camunda-admin complete any task with any variables, start a process before any activity
 * or move a token: a way around every rule of Văn thư (who signs, what was reviewed, the numbering). So
 * these APIs are read-only apart from a short list of operations work needs; anything not listed is refused.
 * Pure: the caller's id and groups come in, a refusal reason (Vietnamese) or nothing comes out.
 */
final class CamundaApiRules {

    /** Groups whose membership decides who reviews and who signs: changed by the office's procedure, not in Admin. */
    static final Set<String> PROTECTED_GROUPS = Set.of(Groups.SIGNERS, Groups.REVIEWERS);

    private static final Pattern ENGINE_REST = Pattern.compile("^/engine-rest(?:/engine/[^/]+)?(/.*)?$");
    private static final Pattern WEBAPP_ENGINE = Pattern.compile("^/camunda/api/engine/engine/[^/]+(/.*)?$");
    private static final Pattern WEBAPP = Pattern.compile("^/camunda/api/(admin|cockpit|tasklist|welcome)(/.*)?$");

    /** POST endpoints of the engine REST API that only query: what Cockpit, Tasklist and Admin POST to read. */
    private static final List<Pattern> ENGINE_QUERIES = patterns(
            "/(task|process-instance|variable-instance|execution|external-task|job|job-definition|group)(/count)?",
            "/history/(process-instance|activity-instance|task|variable-instance|incident|job-log|detail"
                    + "|user-operation|decision-instance|external-task-log|identity-link-log|batch)(/count)?",
            // Tasklist lists tasks through its saved filters
            "/filter/[^/]+/(list|count|singleResult)",
            // Admin checks a new password against the policy before it sets one; this changes nothing
            "/identity/password-policy");

    /** POST queries of Cockpit's own plugin API. */
    private static final List<Pattern> COCKPIT_QUERIES = patterns(
            "/plugin/base/[^/]+/(process-instance|incident)(/count)?",
            "/plugin/base/[^/]+/process-definition/[^/]+/called-process-definitions",
            "/plugin/base/[^/]+/process-instance/[^/]+/called-process-instances");

    private static final List<Pattern> JOB_AND_INCIDENT_WRITES = patterns(
            "PUT /job/[^/]+/retries",
            "POST /job/retries",
            "PUT /incident/[^/]+/annotation",
            "DELETE /incident/[^/]+/annotation",
            // resolves a custom incident; failed-job incidents are resolved by retrying the job
            "DELETE /incident/[^/]+");

    private static final Pattern CREDENTIALS = Pattern.compile("^/user/([^/]+)/credentials$");
    private static final Pattern PROFILE = Pattern.compile("^/user/[^/]+/profile$");
    private static final Pattern MEMBERSHIP = Pattern.compile("^/group/([^/]+)/members/([^/]+)$");
    private static final Pattern CREATE = Pattern.compile("^/(user|group)/create$");
    private static final Pattern WEBAPP_LOGIN = Pattern.compile("^/auth/user/[^/]+/login/[^/]+$");
    private static final Pattern WEBAPP_LOGOUT = Pattern.compile("^/auth/user/[^/]+/logout$");

    static final String NOT_HERE = "Thao tác này không được làm qua giao diện quản trị Camunda;"
            + " việc của văn bản làm trong ứng dụng Văn thư.";

    private CamundaApiRules() {}

    /** Who is asking; {@code userId} null when nobody is signed in. */
    public record Caller(String userId, Set<String> groups) {
        boolean admin() {
            return userId != null && groups.contains(Groups.ADMINS);
        }
    }

    /** Whether the path is a login to the webapps (throttled like the app's own login). */
    public static boolean isWebappLogin(String method, String path) {
        Matcher webapp = WEBAPP.matcher(path);
        return "POST".equals(method)
                && webapp.matches()
                && "admin".equals(webapp.group(1))
                && WEBAPP_LOGIN.matcher(rest(webapp.group(2))).matches();
    }

    /**
     * Empty when the request may go on; otherwise why it is refused.
     *
     * @param path the servlet path plus path info: decoded, without ;parameters or duplicate slashes
     */
    public static Optional<String> refusal(String method, String path, Caller caller) {
        if (path.startsWith("/camunda/api/admin/setup")) {
            // the first admin comes from configuration (camunda.bpm.admin-user), never from a web form
            return Optional.of(
                    "Không tạo quản trị viên đầu tiên qua trang web: quản trị viên lấy từ cấu hình khi khởi động.");
        }
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return Optional.empty(); // reading, including the webapps' list of engines (/camunda/api/engine/engine/)
        }
        Matcher engine = ENGINE_REST.matcher(path);
        if (engine.matches()) {
            return engineWrite(method, rest(engine.group(1)), caller);
        }
        engine = WEBAPP_ENGINE.matcher(path);
        if (engine.matches()) {
            return engineWrite(method, rest(engine.group(1)), caller);
        }
        Matcher webapp = WEBAPP.matcher(path);
        if (!webapp.matches()) {
            return Optional.of(NOT_HERE);
        }
        String app = webapp.group(1);
        String rest = rest(webapp.group(2));
        if (app.equals("admin")
                && method.equals("POST")
                && (WEBAPP_LOGIN.matcher(rest).matches()
                        || WEBAPP_LOGOUT.matcher(rest).matches())) {
            return Optional.empty();
        }
        if (app.equals("cockpit") && method.equals("POST") && matchesAny(COCKPIT_QUERIES, rest)) {
            return Optional.empty();
        }
        return Optional.of(NOT_HERE);
    }

    private static Optional<String> engineWrite(String method, String rest, Caller caller) {
        if (method.equals("POST") && matchesAny(ENGINE_QUERIES, rest)) {
            return Optional.empty();
        }
        if (matchesAny(JOB_AND_INCIDENT_WRITES, method + " " + rest)) {
            return Optional.empty();
        }
        Matcher credentials = CREDENTIALS.matcher(rest);
        if (method.equals("PUT") && credentials.matches()) {
            // one's own password only (Camunda checks the current one); nobody sets another's
            return caller.userId() != null && caller.userId().equals(credentials.group(1))
                    ? Optional.empty()
                    : Optional.of("Chỉ người dùng tự đổi được mật khẩu của mình.");
        }
        if (PROFILE.matcher(rest).matches()) {
            // a name appears on signed documents and in the register: it is not edited in Admin, not even one's own
            return Optional.of("Không sửa được họ tên, thư điện tử của người dùng qua giao diện quản trị.");
        }
        if (method.equals("POST") && CREATE.matcher(rest).matches()) {
            return caller.admin() ? Optional.empty() : Optional.of("Chỉ quản trị viên tạo được người dùng và nhóm.");
        }
        Matcher membership = MEMBERSHIP.matcher(rest);
        if ((method.equals("PUT") || method.equals("DELETE")) && membership.matches()) {
            if (!caller.admin()) {
                return Optional.of("Chỉ quản trị viên đổi được thành viên của nhóm.");
            }
            if (PROTECTED_GROUPS.contains(membership.group(1))) {
                return Optional.of(
                        "Thành viên nhóm lãnh đạo ký và lãnh đạo Văn phòng không đổi qua giao diện quản trị.");
            }
            if (membership.group(2).equalsIgnoreCase(caller.userId())) {
                return Optional.of("Quản trị viên không tự đổi nhóm của chính mình.");
            }
            return Optional.empty();
        }
        return Optional.of(NOT_HERE);
    }

    private static String rest(String group) {
        return group == null ? "" : group;
    }

    private static boolean matchesAny(List<Pattern> patterns, String value) {
        return patterns.stream().anyMatch(p -> p.matcher(value).matches());
    }

    private static List<Pattern> patterns(String... regexes) {
        return java.util.Arrays.stream(regexes).map(Pattern::compile).toList();
    }
}
