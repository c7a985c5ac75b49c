package vn.vanthu.workflow;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.vanthu.config.InstallationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.distribution.StaffMail;
import vn.vanthu.document.DocumentService;
import vn.vanthu.notification.Notifications;

/**
 * Whoever holds the next step hears of it by email (issue 14, item 2): the reviewers when a draft
 * is submitted, the signer when it is approved, the drafter when it is returned. Not the person
 * whose own action opened the step. The emails leave after the transaction commits (a rolled-back
 * decision tells nobody) and on a thread of their own, so a slow mail server never holds a
 * decision; a failure is logged, the task still waits in "Việc cần làm". The same words go to
 * the holders' in-app notifications (the header's bell), written in the engine's transaction.
 */
@Component
class StepNotices implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StepNotices.class);

    private final StaffMail mail;
    private final Directory directory;
    private final IdentityService identity;
    private final DocumentService documents;
    private final String publicUrl;
    private final boolean enabled;
    private final Notifications inbox;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vanthu-step-notices");
        thread.setDaemon(true);
        return thread;
    });

    StepNotices(
            StaffMail mail,
            Directory directory,
            IdentityService identity,
            DocumentService documents,
            InstallationProperties installation,
            NotificationSettings settings,
            Notifications inbox) {
        this.inbox = inbox;
        this.mail = mail;
        this.directory = directory;
        this.identity = identity;
        this.documents = documents;
        this.publicUrl = installation.publicUrl();
        this.enabled = settings.enabled();
    }

    /** What the new step is and who opened it, captured in the engine's transaction. */
    record Opened(
            String taskId,
            DocumentIssuanceProcess.Kind kind,
            Long documentId,
            String assignee,
            String group,
            String actor) {}

    @EventListener
    void onTaskEvent(DelegateTask task) {
        if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            return;
        }
        String group = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .findFirst()
                .orElse(null);
        Opened opened = new Opened(
                task.getId(),
                TaskKinds.of(task).orElse(null),
                Long.valueOf(task.getExecution().getProcessBusinessKey()),
                task.getAssignee(),
                group,
                actor());
        // the bell, in the engine's transaction: a rolled-back decision leaves no notice
        note(opened);
        if (!enabled) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sending.submit(() -> tell(opened));
                }
            });
        } else {
            sending.submit(() -> tell(opened));
        }
    }

    /** The in-app notice of a new step (the same words as the email), whatever the email setting. */
    void note(Opened opened) {
        try {
            if (opened.kind() == null) {
                return;
            }
            Set<String> people = holders(opened.assignee(), opened.group());
            people.remove(opened.actor());
            if (people.isEmpty()) {
                return;
            }
            String title =
                    documents.currentVersion(documents.get(opened.documentId())).getTitle();
            inbox.tell(people, what(opened.kind()) + ": " + title, "/viec/" + opened.taskId());
        } catch (RuntimeException e) {
            log.error("Cannot note task {} of document {}", opened.taskId(), opened.documentId(), e);
        }
    }

    static String what(DocumentIssuanceProcess.Kind step) {
        return switch (step) {
            case REVIEW -> "Dự thảo chờ đồng chí thẩm định";
            case CONSULT -> "Dự thảo xin ý kiến của đồng chí";
            case MEETING -> "Dự thảo chờ ghi kết quả hội nghị";
            case SIGN -> "Văn bản chờ đồng chí ký ban hành";
            case REVISE -> "Dự thảo bị trả lại, chờ đồng chí chỉnh sửa";
            case RESOLVE_ISSUE_FAILURE -> "Văn bản đã ký nhưng chưa ban hành được, chờ văn thư xử lý";
        };
    }

    /** Tells people in the app (DeadlineEscalation, the issue's end); {@code link} is a path inside Văn thư. */
    void note(java.util.Collection<String> userIds, String text, String link) {
        inbox.tell(userIds, text, link);
    }

    void tell(Opened opened) {
        try {
            DocumentIssuanceProcess.Kind step = opened.kind();
            if (step == null) {
                return;
            }
            Set<String> people = holders(opened.assignee(), opened.group());
            people.remove(opened.actor());
            if (people.isEmpty()) {
                return;
            }
            var document = documents.get(opened.documentId());
            String title = documents.currentVersion(document).getTitle();
            String what = what(step);
            for (String userId : people) {
                mail(
                        userId,
                        opened.taskId(),
                        "[Việc cần làm] " + what + ": " + title,
                        what + ":\n\"" + title + "\"\n\n" + "Mở để xử lý: " + taskLink(opened.taskId()) + "\n"
                                + "Mọi việc đang chờ đồng chí: " + publicUrl + "/");
            }
        } catch (RuntimeException e) {
            log.error("Cannot tell the holders of task {} of document {}", opened.taskId(), opened.documentId(), e);
        }
    }

    /** Who holds a step: its assignee, else the members of its candidate group (also for {@link DeadlineEscalation}). */
    Set<String> holders(String assignee, String group) {
        Set<String> people = new LinkedHashSet<>();
        if (assignee != null) {
            people.add(assignee);
        } else if (group != null) {
            identity.createUserQuery().memberOfGroup(group).list().forEach(u -> people.add(u.getId()));
        }
        return people;
    }

    String taskLink(String taskId) {
        return publicUrl + "/viec/" + taskId;
    }

    String documentLink(Long documentId) {
        return publicUrl + "/van-ban/" + documentId;
    }

    /**
     * One plain email to a member of staff about a task: the salutation, the text, the signature.
     * Returns whether the mail server took it (false too when they have no address, which is logged).
     */
    boolean mail(String userId, String taskId, String subject, String text) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
            log.warn("{} has no email address: no notice of task {}", userId, taskId);
            return false;
        }
        String name = directory.fullName(userId);
        return mail.send(
                user.getEmail(),
                name,
                subject,
                "Kính gửi đồng chí " + name + ",\n\n" + text + "\n\nHệ thống Văn thư\n");
    }

    /**
     * A reminder of open tasks (RemindConsultees): each person hears of their own task, after the
     * transaction commits, on the notices' thread.
     */
    void remind(Long documentId, java.util.Map<String, String> taskIdByUser, String what) {
        if (!enabled || taskIdByUser.isEmpty()) {
            return;
        }
        Runnable remind = () -> {
            try {
                String title =
                        documents.currentVersion(documents.get(documentId)).getTitle();
                taskIdByUser.forEach((userId, taskId) -> mail(
                        userId,
                        taskId,
                        "[Việc cần làm] " + what + ": " + title,
                        what + ":\n\"" + title + "\"\n\n" + "Mở để xử lý: " + taskLink(taskId) + "\n"
                                + "Mọi việc đang chờ đồng chí: " + publicUrl + "/"));
            } catch (RuntimeException e) {
                log.error("Cannot remind {} of document {}", taskIdByUser.keySet(), documentId, e);
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sending.submit(remind);
                }
            });
        } else {
            sending.submit(remind);
        }
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    @Override
    public void destroy() throws InterruptedException {
        sending.shutdown();
        sending.awaitTermination(5, TimeUnit.SECONDS);
    }
}
