package vn.vanthu.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.DocumentService;

/**
 * Hạn xử lý passed: an open task past its due date is escalated once, its holder (the assignee, or
 * the members of its candidate group) and the office chief(s) ({@code vanthu.workflow.deadlines.escalate-to})
 * emailed through {@link StepNotices}, and the document's history says so ({@link #OVERDUE}).
 * Every node runs the check; a task is claimed by a conditional update of
 * {@code work_item.escalated_at}, so only the node whose update counted sends. The claim and the
 * history line commit together, the emails leave after the commit: a failed email is logged, not
 * sent again (the task stays marked "Quá hạn" in the lists).
 */
@Component
class DeadlineEscalation {

    /** The history event of an escalated task. */
    static final String OVERDUE = "TASK_OVERDUE";

    private static final Logger log = LoggerFactory.getLogger(DeadlineEscalation.class);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DocumentService documents;
    private final Directory directory;
    private final StepNotices notices;
    private final List<String> escalateTo;

    DeadlineEscalation(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            DocumentService documents,
            Directory directory,
            StepNotices notices,
            WorkflowProperties.Deadlines settings) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.documents = documents;
        this.directory = directory;
        this.notices = notices;
        this.escalateTo = settings.escalateTo() == null ? List.of() : List.copyOf(settings.escalateTo());
    }

    record Overdue(String taskId, Long documentId, String name, String assignee, String group, Instant dueAt) {}

    /** Escalates the overdue tasks not yet escalated; returns how many this node escalated. */
    @Scheduled(
            fixedDelayString = "${vanthu.workflow.deadlines.check-every:PT5M}",
            initialDelayString = "${vanthu.workflow.deadlines.check-every:PT5M}")
    public int check() {
        // engine time, as the due dates were set (Deadlines)
        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<Overdue> overdue = jdbc.query(
                """
                select task_id, document_id, name, assignee, candidate_group, due_at from work_item
                where due_at < ? and escalated_at is null order by due_at""",
                (rs, i) -> new Overdue(
                        rs.getString("task_id"),
                        rs.getLong("document_id"),
                        rs.getString("name"),
                        rs.getString("assignee"),
                        rs.getString("candidate_group"),
                        rs.getTimestamp("due_at").toInstant()),
                Timestamp.from(now));
        int escalated = 0;
        for (Overdue item : overdue) {
            try {
                if (escalate(item, now)) {
                    escalated++;
                }
            } catch (RuntimeException e) {
                // the claim rolled back with the history line: the next check tries again
                log.error("Cannot escalate overdue task {} of document {}", item.taskId(), item.documentId(), e);
            }
        }
        return escalated;
    }

    private boolean escalate(Overdue item, Instant now) {
        Set<String> holders = notices.holders(item.assignee(), item.group());
        String due = item.dueAt().atZone(OrganisationProperties.VIETNAM).format(DAY_TIME);
        String holderNames = holders.stream().map(directory::fullName).collect(Collectors.joining(", "));
        String title = transactions.execute(status -> {
            int claimed = jdbc.update(
                    "update work_item set escalated_at = ? where task_id = ? and escalated_at is null",
                    Timestamp.from(now),
                    item.taskId());
            if (claimed != 1) {
                return null; // another node's, or the task has just been completed
            }
            documents.record(
                    item.documentId(),
                    "system",
                    OVERDUE,
                    "Bước \"" + item.name() + "\" quá hạn xử lý (hạn " + due + ")"
                            + (holderNames.isEmpty() ? "" : ", đang chờ: " + holderNames)
                            + ". Đã báo người xử lý và lãnh đạo Văn phòng.");
            String current =
                    documents.currentVersion(documents.get(item.documentId())).getTitle();
            // the bell, with the claim: the holders get the task, the chiefs the document
            notices.note(
                    holders,
                    "Quá hạn xử lý (hạn " + due + "): " + item.name() + " — " + current,
                    "/viec/" + item.taskId());
            Set<String> told = new LinkedHashSet<>(escalateTo);
            told.removeAll(holders);
            notices.note(
                    told,
                    "Quá hạn xử lý (hạn " + due + "): " + item.name() + " — " + current
                            + (holderNames.isEmpty() ? "" : " (đang chờ: " + holderNames + ")"),
                    "/van-ban/" + item.documentId());
            return current;
        });
        if (title == null) {
            return false;
        }
        String subject = "[Quá hạn] " + item.name() + ": " + title;
        String what = "Việc \"" + item.name() + "\" của văn bản:\n\"" + title + "\"\n";
        for (String userId : holders) {
            notices.mail(
                    userId,
                    item.taskId(),
                    subject,
                    what + "đã quá hạn xử lý (hạn " + due + "), đề nghị đồng chí xử lý ngay.\n\n" + "Mở để xử lý: "
                            + notices.taskLink(item.taskId()));
        }
        Set<String> chiefs = new LinkedHashSet<>(escalateTo);
        chiefs.removeAll(holders); // a chief who holds the task had the holder's email
        for (String userId : chiefs) {
            notices.mail(
                    userId,
                    item.taskId(),
                    subject,
                    what + (holderNames.isEmpty() ? "" : "do " + holderNames + " xử lý ")
                            + "đã quá hạn xử lý (hạn " + due + ").\n\n"
                            + "Công việc: " + notices.taskLink(item.taskId()) + "\n"
                            + "Trang văn bản: " + notices.documentLink(item.documentId()));
        }
        log.info("Task {} of document {} overdue since {}: escalated", item.taskId(), item.documentId(), due);
        return true;
    }
}
