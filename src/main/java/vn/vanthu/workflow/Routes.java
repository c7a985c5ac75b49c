package vn.vanthu.workflow;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.system.InvalidInputException;

/**
 * The routes an office draws in Camunda Modeler (docs/routes.md): deployed after {@link
 * RouteValidator}'s checks and the engine's own parser, listed with their versions, and bound to
 * document types. A document in flight finishes on the version it started on: nothing is migrated.
 */
@Service
public class Routes {

    /** The largest route file accepted: Modeler's files are tens of kilobytes. */
    public static final int MAX_FILE_SIZE = 1024 * 1024;

    /** Every route's deployments say so: duplicate filtering compares deployments of one name and source. */
    static final String SOURCE = "vanthu-routes";

    private static final Logger log = LoggerFactory.getLogger(Routes.class);

    private final RepositoryService repository;
    private final IdentityService identity;
    private final RouteBindings bindings;
    private final OrganisationProperties organisation;
    private final AccessPolicy access;
    private final SecurityAudit audit;
    private final Clock clock;
    private final RoutesProperties properties;
    private final TransactionTemplate transaction;

    Routes(
            RepositoryService repository,
            IdentityService identity,
            RouteBindings bindings,
            OrganisationProperties organisation,
            AccessPolicy access,
            SecurityAudit audit,
            Clock clock,
            RoutesProperties properties,
            PlatformTransactionManager transactions) {
        this.repository = repository;
        this.identity = identity;
        this.bindings = bindings;
        this.organisation = organisation;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A deployed route's version. */
    public record Deployed(String processKey, int version) {}

    /** One route and its versions, newest first. */
    public record Route(String processKey, String name, int version, Instant deployedAt, List<Version> versions) {}

    public record Version(int version, String deploymentName, Instant deployedAt) {}

    /** A document type and the route its drafts start on (its binding, or the default). */
    public record TypeRoute(
            String type, String typeName, String processKey, boolean bound, String boundBy, Instant boundAt) {}

    public record Overview(List<Route> routes, List<TypeRoute> bindings) {}

    public RouteValidator validator() {
        return new RouteValidator(g -> identity.createGroupQuery().groupId(g).count() > 0);
    }

    /** POST /api/admin/routes: validate, then deploy (the same file twice is the same version). */
    @Transactional
    public Deployed deploy(String fileName, byte[] content, Caller caller, HttpServletRequest request) {
        access.check(caller, Action.MANAGE_ROUTES);
        String name = fileName(fileName);
        if (content == null || content.length == 0) {
            throw new RouteRefusedException(List.of(RouteError.file("Chưa chọn tệp quy trình (.bpmn).")));
        }
        if (content.length > MAX_FILE_SIZE) {
            throw new RouteRefusedException(List.of(RouteError.file("Tệp quy trình lớn quá 1 MB.")));
        }
        Deployed deployed = deployChecked(name, content);
        audit.recordFrom(
                SecurityAudit.Kind.ROUTE_DEPLOYED,
                caller.userId(),
                request,
                deployed.processKey() + " phiên bản " + deployed.version() + " (" + name + ")");
        return deployed;
    }

    private Deployed deployChecked(String name, byte[] content) {
        RouteValidator.Checked checked = validator().check(content);
        if (!checked.valid()) {
            throw new RouteRefusedException(checked.errors());
        }
        Deployment deployment;
        try {
            deployment = repository
                    .createDeployment()
                    .name(name)
                    .source(SOURCE)
                    .enableDuplicateFiltering(false)
                    .addInputStream(name, new java.io.ByteArrayInputStream(content))
                    .deploy();
        } catch (ParseException e) {
            throw new RouteRefusedException(parseErrors(e));
        }
        // a duplicate returns the earlier deployment: its definition is the version asked for
        ProcessDefinition definition = repository
                .createProcessDefinitionQuery()
                .deploymentId(deployment.getId())
                .processDefinitionKey(checked.processKey())
                .singleResult();
        return new Deployed(definition.getKey(), definition.getVersion());
    }

    /** The engine parser's reports as errors on their elements. */
    static List<RouteError> parseErrors(ParseException e) {
        List<RouteError> errors = new ArrayList<>();
        for (ResourceReport report : e.getResorceReports()) {
            for (Problem problem : report.getErrors()) {
                String element = problem.getMainElementId();
                errors.add(new RouteError(
                        element == null || element.isBlank() ? RouteError.FILE : element,
                        "Camunda không nhận quy trình: " + problem.getMessage()));
            }
        }
        if (errors.isEmpty()) {
            errors.add(RouteError.file("Camunda không nhận quy trình: " + e.getMessage()));
        }
        return errors;
    }

    private static String fileName(String given) {
        String name = given == null ? "" : given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".bpmn")
                || name.length() > 120
                || !name.matches("[\\p{L}\\p{N} ._()-]+")) {
            throw new RouteRefusedException(
                    List.of(
                            RouteError.file(
                                    "Tên tệp phải kết thúc bằng .bpmn, dài tối đa 120 ký tự, chỉ gồm chữ, số, dấu cách và . _ - ( ).")));
        }
        return name;
    }

    /** GET /api/admin/routes. */
    public Overview overview(Caller caller) {
        access.check(caller, Action.MANAGE_ROUTES);
        Map<String, List<ProcessDefinition>> byKey = new LinkedHashMap<>();
        for (ProcessDefinition d : repository
                .createProcessDefinitionQuery()
                .orderByProcessDefinitionKey()
                .asc()
                .orderByProcessDefinitionVersion()
                .desc()
                .list()) {
            if (!RouteValidator.SYSTEM_PROCESSES.contains(d.getKey())) {
                byKey.computeIfAbsent(d.getKey(), k -> new ArrayList<>()).add(d);
            }
        }
        List<Route> routes = new ArrayList<>();
        for (List<ProcessDefinition> versions : byKey.values()) {
            List<Version> list = versions.stream()
                    .map(d -> {
                        Deployment deployment = repository
                                .createDeploymentQuery()
                                .deploymentId(d.getDeploymentId())
                                .singleResult();
                        return new Version(
                                d.getVersion(),
                                deployment == null ? null : deployment.getName(),
                                deployment == null
                                        ? null
                                        : deployment.getDeploymentTime().toInstant());
                    })
                    .toList();
            ProcessDefinition latest = versions.get(0);
            routes.add(new Route(
                    latest.getKey(),
                    latest.getName(),
                    latest.getVersion(),
                    list.get(0).deployedAt(),
                    list));
        }
        return new Overview(routes, typeRoutes());
    }

    private List<TypeRoute> typeRoutes() {
        return organisation.documentTypes().keySet().stream()
                .sorted(Comparator.naturalOrder())
                .map(this::typeRoute)
                .toList();
    }

    private TypeRoute typeRoute(String type) {
        String typeName = organisation.type(type).name();
        return bindings.find(type)
                .map(b -> new TypeRoute(type, typeName, b.processKey(), true, b.boundBy(), b.boundAt()))
                .orElseGet(() -> new TypeRoute(type, typeName, bindings.defaultRoute(type), false, null, null));
    }

    /** PUT /api/admin/routes/bindings/{type}: new drafts of the type start on this route's latest version. */
    @Transactional
    public TypeRoute bind(String type, String processKey, Caller caller, HttpServletRequest request) {
        access.check(caller, Action.MANAGE_ROUTES);
        if (!organisation.knowsType(type)) {
            throw InvalidInputException.of("type", "Không có loại văn bản «" + type + "».");
        }
        String key = processKey == null ? "" : processKey.strip();
        if (key.isEmpty()) {
            throw InvalidInputException.of("processKey", "Chưa chọn quy trình.");
        }
        if (RouteValidator.SYSTEM_PROCESSES.contains(key)) {
            throw InvalidInputException.of("processKey", "«" + key + "» là quy trình của hệ thống, không gán được.");
        }
        ProcessDefinition latest = repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .latestVersion()
                .singleResult();
        if (latest == null) {
            throw InvalidInputException.of("processKey", "Chưa triển khai quy trình «" + key + "».");
        }
        RouteValidator.Checked checked = validator().check(model(latest));
        if (!checked.valid()) {
            throw new RouteRefusedException(checked.errors());
        }
        bindings.bind(type, key, caller.userId(), clock.instant());
        audit.recordFrom(
                SecurityAudit.Kind.ROUTE_BOUND,
                caller.userId(),
                request,
                type + " → " + key + " (phiên bản hiện tại " + latest.getVersion() + ")");
        return typeRoute(type);
    }

    /** DELETE /api/admin/routes/bindings/{type}: the type's drafts start on the default route again. */
    @Transactional
    public TypeRoute unbind(String type, Caller caller, HttpServletRequest request) {
        access.check(caller, Action.MANAGE_ROUTES);
        if (!organisation.knowsType(type)) {
            throw InvalidInputException.of("type", "Không có loại văn bản «" + type + "».");
        }
        if (bindings.unbind(type)) {
            audit.recordFrom(SecurityAudit.Kind.ROUTE_UNBOUND, caller.userId(), request, type);
        }
        return typeRoute(type);
    }

    private byte[] model(ProcessDefinition definition) {
        try (InputStream in = repository.getProcessModel(definition.getId())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The routes in vanthu.routes.dir, at start: each validated, an invalid one logged and skipped. */
    @EventListener(ApplicationReadyEvent.class)
    void deployFolder() {
        if (properties.dir() == null || properties.dir().isBlank()) {
            return;
        }
        Path dir = Path.of(properties.dir().strip());
        if (!Files.isDirectory(dir)) {
            log.warn("vanthu.routes.dir {} is not a folder: no routes deployed from it", dir.toAbsolutePath());
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bpmn")) {
            for (Path file : files) {
                deployAtStart(file);
            }
        } catch (IOException e) {
            log.error("Cannot read vanthu.routes.dir {}", dir.toAbsolutePath(), e);
        }
    }

    private void deployAtStart(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length > MAX_FILE_SIZE) {
                log.error("Route {} skipped: larger than 1 MB", file);
                return;
            }
            Deployed deployed = transaction.execute(
                    status -> deployChecked(fileName(file.getFileName().toString()), content));
            log.info("Route {} deployed from {}: version {}", deployed.processKey(), file, deployed.version());
        } catch (RouteRefusedException e) {
            log.error(
                    "Route {} skipped: {}",
                    file,
                    e.errors().stream()
                            .map(r -> r.element() + ": " + r.message())
                            .toList());
        } catch (IOException | RuntimeException e) {
            log.error("Route {} skipped", file, e);
        }
    }

    /** The latest version of a route, if deployed. */
    Optional<ProcessDefinition> latest(String processKey) {
        return Optional.ofNullable(repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(processKey)
                .latestVersion()
                .singleResult());
    }
}
