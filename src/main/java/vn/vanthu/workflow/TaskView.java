package vn.vanthu.workflow;

import java.time.OffsetDateTime;

/**
 * One open task in GET /api/tasks. key: the task's id in its route's BPMN; kind: what it is to Văn
 * thư (review, consult, meeting, sign, revise, resolve-issue-failure), as the route declares it;
 * dueAt: its hạn xử lý, if any; overdue: dueAt has passed.
 */
public record TaskView(
        String id,
        String key,
        String kind,
        String name,
        Long documentId,
        String type,
        String title,
        OffsetDateTime created,
        OffsetDateTime dueAt,
        boolean overdue) {}
