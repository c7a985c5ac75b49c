package vn.vanthu.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.config.OrganisationProperties;

/** Which route each document type's drafts start on (table route_binding, docs/routes.md "Bindings"). */
@Repository
class RouteBindings {

    /** One row: the type, its route's process key, who bound it and when. */
    public record Binding(String type, String processKey, String boundBy, Instant boundAt) {}

    private final JdbcTemplate jdbc;
    private final OrganisationProperties organisation;

    RouteBindings(JdbcTemplate jdbc, OrganisationProperties organisation) {
        this.jdbc = jdbc;
        this.organisation = organisation;
    }

    /** The route a new draft of this type starts on: its binding, else the type's configured route. */
    public String processKeyFor(String type) {
        return find(type).map(Binding::processKey).orElseGet(() -> defaultRoute(type));
    }

    /** The route of a type nobody has bound: vanthu.document-types.{type}.route, else documentIssuance. */
    public String defaultRoute(String type) {
        return organisation.knowsType(type) ? organisation.route(type) : OrganisationProperties.DEFAULT_ROUTE;
    }

    public Optional<Binding> find(String type) {
        return jdbc
                .query(
                        "select doc_type, process_key, bound_by, bound_at from route_binding where doc_type = ?",
                        (rs, i) -> new Binding(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant()),
                        type)
                .stream()
                .findFirst();
    }

    public List<Binding> all() {
        return jdbc.query(
                "select doc_type, process_key, bound_by, bound_at from route_binding order by doc_type",
                (rs, i) -> new Binding(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant()));
    }

    void bind(String type, String processKey, String by, Instant at) {
        // delete + insert: the same on H2 and PostgreSQL, inside the caller's transaction
        jdbc.update("delete from route_binding where doc_type = ?", type);
        jdbc.update(
                "insert into route_binding (doc_type, process_key, bound_by, bound_at) values (?, ?, ?, ?)",
                type,
                processKey,
                by,
                Timestamp.from(at));
    }

    boolean unbind(String type) {
        return jdbc.update("delete from route_binding where doc_type = ?", type) > 0;
    }
}
