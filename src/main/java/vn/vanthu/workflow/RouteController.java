package vn.vanthu.workflow;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.security.Caller;

/** The routes an office draws (docs/routes.md): deploy, list, bind; and where a document is on its route. */
@RestController
class RouteController {

    private final Routes routes;
    private final RouteProgress progress;

    RouteController(Routes routes, RouteProgress progress) {
        this.routes = routes;
        this.progress = progress;
    }

    /** POST /api/admin/routes, multipart field "file" (a .bpmn): 201 {"processKey","version"}. */
    @PostMapping("/api/admin/routes")
    @ResponseStatus(HttpStatus.CREATED)
    Routes.Deployed deploy(
            @RequestParam(value = "file", required = false) MultipartFile file,
            Authentication auth,
            HttpServletRequest request) {
        try {
            return routes.deploy(
                    file == null ? null : file.getOriginalFilename(),
                    file == null ? null : file.getBytes(),
                    Caller.of(auth),
                    request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping("/api/admin/routes")
    Overview list(Authentication auth) {
        Routes.Overview o = routes.overview(Caller.of(auth));
        return new Overview(
                o.routes().stream()
                        .map(r -> new RouteItem(
                                r.processKey(),
                                r.name(),
                                r.version(),
                                vn(r.deployedAt()),
                                r.versions().stream()
                                        .map(v -> new VersionItem(v.version(), v.deploymentName(), vn(v.deployedAt())))
                                        .toList()))
                        .toList(),
                o.bindings().stream().map(RouteController::binding).toList());
    }

    /** PUT /api/admin/routes/bindings/{type} {"processKey"}: new drafts of the type start on that route. */
    @PutMapping("/api/admin/routes/bindings/{type}")
    BindingItem bind(
            @PathVariable String type,
            @RequestBody(required = false) BindingBody body,
            Authentication auth,
            HttpServletRequest request) {
        return binding(routes.bind(type, body == null ? null : body.processKey(), Caller.of(auth), request));
    }

    /** DELETE /api/admin/routes/bindings/{type}: back to the default route. */
    @DeleteMapping("/api/admin/routes/bindings/{type}")
    BindingItem unbind(@PathVariable String type, Authentication auth, HttpServletRequest request) {
        return binding(routes.unbind(type, Caller.of(auth), request));
    }

    /** GET /api/documents/{id}/route: the route's steps, done, active or pending. */
    @GetMapping("/api/documents/{id}/route")
    RouteProgress.RouteView route(@PathVariable Long id, Authentication auth) {
        return progress.of(id, Caller.of(auth)).view();
    }

    /** 400 with every reason, each on its BPMN element (or "file"). */
    @ExceptionHandler(RouteRefusedException.class)
    ProblemDetail refused(RouteRefusedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Quy trình không hợp lệ");
        problem.setType(URI.create("about:blank"));
        problem.setProperty(
                "errors",
                e.errors().stream()
                        .map(r -> Map.of("element", r.element(), "message", r.message()))
                        .toList());
        return problem;
    }

    private static BindingItem binding(Routes.TypeRoute t) {
        return new BindingItem(t.type(), t.typeName(), t.processKey(), t.bound(), t.boundBy(), vn(t.boundAt()));
    }

    private static OffsetDateTime vn(Instant t) {
        return t == null ? null : t.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }

    record BindingBody(String processKey) {}

    record Overview(List<RouteItem> routes, List<BindingItem> bindings) {}

    record RouteItem(
            String processKey, String name, int version, OffsetDateTime deployedAt, List<VersionItem> versions) {}

    record VersionItem(int version, String deploymentName, OffsetDateTime deployedAt) {}

    record BindingItem(
            String type, String typeName, String processKey, boolean bound, String boundBy, OffsetDateTime boundAt) {}
}
