package vn.vanthu.workflow;

import java.time.OffsetDateTime;

/** One open task in GET /api/tasks. key: review, sign or revise. */
public record TaskView(
        String id,
        String key,
        String name,
        Long documentId,
        String type,
        String title,
        OffsetDateTime created,
        OffsetDateTime due) {}
