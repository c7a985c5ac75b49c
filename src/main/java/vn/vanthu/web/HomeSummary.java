package vn.vanthu.web;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.distribution.MeetingCalendar;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentSearch;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DraftContent;
import vn.vanthu.security.Caller;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.TaskView;
import vn.vanthu.workflow.WorkItems;

/**
 * "Trang chủ" in numbers, for the caller (GET /api/me/summary and the home page):
 *
 * <ul>
 *   <li>tasks: their open tasks (assigned to them or to one of their groups), as the task list;
 *   <li>overdue: those whose hạn xử lý has passed;
 *   <li>awaitingMySignature: their open sign tasks (documents waiting for their signature);
 *   <li>returnedDrafts: documents they drafted that stand RETURNED (trả lại để sửa);
 *   <li>meetingsThisWeek: the office's meetings this week (Monday to Sunday, Vietnam time): issued,
 *       not recalled invitations whose meeting starts this week, the same list as "Lịch họp".
 * </ul>
 */
@Component
class HomeSummary {

    /** The counts; each links to its list (see {@link #LINKS}). */
    record Summary(int tasks, int overdue, int awaitingMySignature, long returnedDrafts, int meetingsThisWeek) {}

    /** Where each count leads. */
    static final Map<String, String> LINKS = Map.of(
            "tasks", "/",
            "overdue", "/?loc=qua-han",
            "awaitingMySignature", "/?loc=cho-ky",
            "returnedDrafts", "/danh-sach/cua-toi?status=RETURNED",
            "meetingsThisWeek", "/lich-hop");

    /** What the task list adds to a task: the document's urgency, meeting and drafter. */
    record Detail(String urgency, OffsetDateTime meetingStart, String drafter) {}

    private final WorkItems workItems;
    private final DocumentSearch search;
    private final MeetingCalendar calendar;
    private final DocumentService documents;
    private final Directory directory;
    private final AccessPolicy access;

    HomeSummary(
            WorkItems workItems,
            DocumentSearch search,
            MeetingCalendar calendar,
            DocumentService documents,
            Directory directory,
            AccessPolicy access) {
        this.workItems = workItems;
        this.search = search;
        this.calendar = calendar;
        this.documents = documents;
        this.directory = directory;
        this.access = access;
    }

    Summary of(Caller caller) {
        access.check(caller, Action.USE_STAFF_PAGES);
        List<TaskView> tasks = workItems.openFor(caller.userId(), caller.groups());
        int meetings = (int) calendar.week(null, caller).meetings().stream()
                .filter(m -> !m.recalled())
                .count();
        return new Summary(
                tasks.size(),
                (int) tasks.stream().filter(TaskView::overdue).count(),
                (int) tasks.stream().filter(HomeSummary::isSign).count(),
                search.returnedTo(caller),
                meetings);
    }

    static boolean isSign(TaskView t) {
        return Kind.SIGN.wire().equals(t.kind());
    }

    /** For each task (by id), its document's urgency, meeting start and drafter's name. */
    @Transactional(readOnly = true)
    Map<String, Detail> details(List<TaskView> tasks) {
        Map<String, Detail> details = new HashMap<>();
        Map<Long, Detail> byDocument = new HashMap<>();
        for (TaskView t : tasks) {
            if (t.documentId() == null) {
                continue;
            }
            Detail d = byDocument.computeIfAbsent(t.documentId(), id -> {
                Document document = documents.get(id);
                DraftContent content = documents.currentVersion(document).content();
                return new Detail(
                        content.urgency() == null ? null : content.urgency().label(),
                        content.meeting() == null
                                ? null
                                : content.meeting()
                                        .start()
                                        .atZone(OrganisationProperties.VIETNAM)
                                        .toOffsetDateTime(),
                        directory.fullName(document.getDrafter()));
            });
            details.put(t.id(), d);
        }
        return details;
    }
}
