package vn.vanthu.workflow;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.DocumentHeadings;
import vn.vanthu.document.DocumentSearch;
import vn.vanthu.document.spi.StepHolders;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * The open tasks, mirrored from the engine's task events into work_item in the same transaction,
 * so that "my tasks" is one indexed query on our tables instead of the engine's task query with
 * its authorization and variable joins.
 */
@Repository
public class WorkItems implements StepHolders {

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final DocumentHeadings documents;

    WorkItems(JdbcTemplate jdbc, DocumentHeadings documents) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.documents = documents;
    }

    @EventListener
    void onTaskEvent(DelegateTask task) {
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> insert(task);
            case TaskListener.EVENTNAME_ASSIGNMENT, TaskListener.EVENTNAME_UPDATE ->
                jdbc.update(
                        // a new due date may be escalated again once it passes (DeadlineEscalation)
                        """
                        update work_item set assignee = ?, due_at = ?,
                            escalated_at = case when due_at = ? then escalated_at else null end
                        where task_id = ?""",
                        task.getAssignee(),
                        timestamp(task.getDueDate()),
                        timestamp(task.getDueDate()),
                        task.getId());
            case TaskListener.EVENTNAME_COMPLETE, TaskListener.EVENTNAME_DELETE ->
                jdbc.update("delete from work_item where task_id = ?", task.getId());
            default -> {}
        }
    }

    private void insert(DelegateTask task) {
        String group = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .findFirst()
                .orElse(null);
        // the route's candidate users, ",a,b," so that a LIKE finds each one whole
        List<String> candidates = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getUserId() != null)
                .map(IdentityLink::getUserId)
                .distinct()
                .toList();
        String users = candidates.isEmpty() ? null : "," + String.join(",", candidates) + ",";
        jdbc.update(
                """
                insert into work_item (task_id, document_id, task_key, kind, name, assignee, candidate_group, candidate_users,
                                       created_at, due_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                task.getId(),
                Long.valueOf(task.getExecution().getProcessBusinessKey()),
                task.getTaskDefinitionKey(),
                TaskKinds.of(task).map(Kind::wire).orElse(null),
                task.getName(),
                task.getAssignee(),
                group,
                users == null || users.length() > 1000 ? null : users,
                timestamp(task.getCreateTime()),
                timestamp(task.getDueDate()));
    }

    /**
     * The caller's open tasks, assigned to them or offered to one of their groups: the earliest due
     * first, those without a due date after them, newest first among equals.
     */
    public List<TaskView> openFor(String userId, Collection<String> groups) {
        MapSqlParameterSource params = params(userId, groups);
        // engine time, as the due dates were set (Deadlines)
        java.time.Instant now = ClockUtil.getCurrentTime().toInstant();
        List<Row> rows = named.query(
                """
                select w.task_id, w.task_key, w.kind, w.name, w.document_id, w.created_at, w.due_at
                from work_item w
                where w.assignee = :user or (w.assignee is null and (w.candidate_group in (:groups)
                    or w.candidate_users like :userLike escape '!'))
                order by case when w.due_at is null then 1 else 0 end, w.due_at, w.created_at desc""",
                params,
                (rs, i) -> new Row(
                        rs.getString("task_id"),
                        rs.getString("task_key"),
                        rs.getString("kind"),
                        rs.getString("name"),
                        rs.getLong("document_id"),
                        rs.getTimestamp("created_at"),
                        rs.getTimestamp("due_at")));
        // the documents' type and title in one more query, however long the list
        java.util.Map<Long, DocumentHeadings.Heading> headings =
                documents.of(rows.stream().map(Row::documentId).collect(java.util.stream.Collectors.toSet()));
        return rows.stream()
                .filter(r -> headings.containsKey(r.documentId()))
                .map(r -> new TaskView(
                        r.taskId(),
                        r.taskKey(),
                        r.kind(),
                        r.name(),
                        r.documentId(),
                        headings.get(r.documentId()).type(),
                        headings.get(r.documentId()).title(),
                        vn(r.created()),
                        vn(r.due()),
                        r.due() != null && r.due().toInstant().isBefore(now)))
                .toList();
    }

    private record Row(
            String taskId,
            String taskKey,
            String kind,
            String name,
            Long documentId,
            Timestamp created,
            Timestamp due) {}

    /** How many tasks wait for the caller (the menu's count): as {@link #openFor}, plus the phone approvals. */
    public int countFor(String userId, Collection<String> groups) {
        MapSqlParameterSource params = params(userId, groups);
        Integer tasks = named.queryForObject("""
                select count(*) from work_item w
                where w.assignee = :user or (w.assignee is null and (w.candidate_group in (:groups)
                    or w.candidate_users like :userLike escape '!'))""", params, Integer.class);
        return (tasks == null ? 0 : tasks) + documents.countAwaitingRemoteSignature(userId);
    }

    /** A document whose signer's approval the remote signing service awaits. */
    public record AwaitingDevice(Long documentId, String type, String title, java.time.OffsetDateTime since) {}

    /** The leader's documents waiting for the approval on their phone (no task is open meanwhile). */
    public List<AwaitingDevice> awaitingDevice(String userId) {
        return documents.awaitingRemoteSignature(userId).stream()
                .map(h -> new AwaitingDevice(h.id(), h.type(), h.title(), h.updatedAt()))
                .toList();
    }

    /** Who holds a document now: its open tasks with their assignee or candidate group. */
    public record Holder(
            String taskId,
            String taskKey,
            String kind,
            String name,
            String assignee,
            String candidateGroup,
            java.time.OffsetDateTime since) {}

    public List<Holder> holders(Long documentId) {
        return jdbc.query(
                """
                select task_id, task_key, kind, name, assignee, candidate_group, created_at
                from work_item where document_id = ? order by created_at""",
                (rs, i) -> new Holder(
                        rs.getString("task_id"),
                        rs.getString("task_key"),
                        rs.getString("kind"),
                        rs.getString("name"),
                        rs.getString("assignee"),
                        rs.getString("candidate_group"),
                        vn(rs.getTimestamp("created_at"))),
                documentId);
    }

    /** An open task of this kind for a document, if any. */
    public Optional<String> openTask(Long documentId, Kind kind) {
        return jdbc
                .query(
                        "select task_id from work_item where document_id = ? and kind = ? order by created_at",
                        (rs, i) -> rs.getString(1),
                        documentId,
                        kind.wire())
                .stream()
                .findFirst();
    }

    private static MapSqlParameterSource params(String userId, Collection<String> groups) {
        String escaped = userId.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return new MapSqlParameterSource("user", userId)
                .addValue("groups", groups.isEmpty() ? List.of("-") : groups)
                .addValue("userLike", "%," + escaped + ",%");
    }

    /** The kind of an open task, as its route declared it; empty for a task of no known kind. */
    public Optional<Kind> kindOf(String taskId) {
        return jdbc.query("select kind from work_item where task_id = ?", (rs, i) -> rs.getString(1), taskId).stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .flatMap(Kind::byWire);
    }

    /** Who holds the document's open steps (assignees, candidate users and candidate groups). */
    @Override
    public AccessPolicy.Holders openSteps(Long documentId) {
        java.util.Set<String> users = new java.util.HashSet<>();
        java.util.Set<String> groups = new java.util.HashSet<>();
        for (Holder h : holders(documentId)) {
            if (h.assignee() != null) {
                users.add(h.assignee());
            }
            if (h.candidateGroup() != null) {
                groups.add(h.candidateGroup());
            }
        }
        for (String named : jdbc.queryForList(
                "select candidate_users from work_item where document_id = ? and candidate_users is not null",
                String.class,
                documentId)) {
            java.util.Arrays.stream(named.split(",")).filter(u -> !u.isBlank()).forEach(users::add);
        }
        return new AccessPolicy.Holders(users, groups);
    }

    @Override
    public java.util.Map<Long, List<DocumentSearch.Holder>> openStepsOf(Collection<Long> documentIds) {
        java.util.Map<Long, List<DocumentSearch.Holder>> byDocument = new java.util.LinkedHashMap<>();
        if (documentIds.isEmpty()) {
            return byDocument;
        }
        named.query(
                "select document_id, kind, assignee, candidate_group, created_at from work_item "
                        + "where document_id in (:ids) order by created_at",
                new MapSqlParameterSource("ids", documentIds),
                rs -> {
                    byDocument
                            .computeIfAbsent(rs.getLong("document_id"), k -> new java.util.ArrayList<>())
                            .add(new DocumentSearch.Holder(
                                    rs.getString("kind"),
                                    rs.getString("assignee"),
                                    rs.getString("candidate_group"),
                                    vn(rs.getTimestamp("created_at"))));
                });
        return byDocument;
    }

    public Optional<Long> documentOf(String taskId) {
        return jdbc
                .query("select document_id from work_item where task_id = ?", (rs, i) -> rs.getLong(1), taskId)
                .stream()
                .findFirst();
    }

    private static Timestamp timestamp(java.util.Date date) {
        return date == null ? null : new Timestamp(date.getTime());
    }

    private static java.time.OffsetDateTime vn(Timestamp t) {
        return t == null
                ? null
                : t.toInstant().atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }
}
