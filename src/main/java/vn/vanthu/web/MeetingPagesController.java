package vn.vanthu.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.distribution.Attendance;
import vn.vanthu.distribution.MeetingCalendar;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.MeetingPapers;
import vn.vanthu.document.PaperDownloads;
import vn.vanthu.document.PaperUploads;
import vn.vanthu.rendering.VietnameseDates;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * Issue 14's pages: the meeting calendar by week and one's calendar feed link (/lich-hop), an
 * invitation's attendance (/van-ban/{id}/tham-du) and a draft's meeting papers (forms on the
 * document page and on the draft form).
 */
@Controller
class MeetingPagesController {

    private final MeetingCalendar calendar;
    private final Attendance attendance;
    private final MeetingPapers papers;
    private final PaperUploads uploads;
    private final DocumentService documents;
    private final AccessPolicy access;

    MeetingPagesController(
            MeetingCalendar calendar,
            Attendance attendance,
            MeetingPapers papers,
            PaperUploads uploads,
            DocumentService documents,
            AccessPolicy access) {
        this.calendar = calendar;
        this.attendance = attendance;
        this.papers = papers;
        this.uploads = uploads;
        this.documents = documents;
        this.access = access;
    }

    /** "Lịch họp": the week holding {@code tuan} (any day of it, yyyy-MM-dd or dd/MM/yyyy), this week without it. */
    @GetMapping("/lich-hop")
    String week(@RequestParam(name = "tuan", required = false) String day, Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        LocalDate date = null;
        if (day != null && !day.isBlank()) {
            try {
                // the week's links carry yyyy-MM-dd; the page's "Xem tuần có ngày" field dd/MM/yyyy
                date = TypedDay.parse(day);
            } catch (DateTimeParseException e) {
                model.addAttribute("error", "Ngày '" + day + "' không đúng dạng ngày/tháng/năm; đang xem tuần này.");
            }
        }
        MeetingCalendar.Week week = calendar.week(date, caller);
        model.addAttribute("week", week);
        model.addAttribute(
                "days",
                week.monday()
                        .datesUntil(week.monday().plusDays(7))
                        .map(d -> new Day(
                                capitalised(VietnameseDates.weekday(d.getDayOfWeek())) + ", "
                                        + d.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")),
                                week.meetings().stream()
                                        .filter(m -> m.start().toLocalDate().equals(d))
                                        .toList()))
                        .filter(d -> !d.meetings().isEmpty())
                        .toList());
        model.addAttribute("feed", calendar.feedLink(caller).orElse(null));
        return "web/meetings";
    }

    /** A day of the week view with its meetings. */
    record Day(String heading, java.util.List<MeetingCalendar.Meeting> meetings) {}

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    @PostMapping("/lich-hop/lien-ket")
    String newFeedLink(
            @RequestParam(name = "tuan", required = false) String week, Authentication auth, RedirectAttributes flash) {
        flash.addFlashAttribute("feedUrl", calendar.newFeedLink(Caller.of(auth)));
        flash.addFlashAttribute("notice", "Đã tạo liên kết lịch mới; liên kết cũ (nếu có) không còn dùng được.");
        return backTo(week);
    }

    /** Back to the week the person was looking at (only a date goes into the redirect). */
    private static String backTo(String week) {
        try {
            return week == null || week.isBlank()
                    ? "redirect:/lich-hop"
                    : "redirect:/lich-hop?tuan=" + LocalDate.parse(week.trim());
        } catch (DateTimeParseException e) {
            return "redirect:/lich-hop";
        }
    }

    @PostMapping("/lich-hop/lien-ket/thu-hoi")
    String revokeFeedLink(
            @RequestParam(name = "tuan", required = false) String week, Authentication auth, RedirectAttributes flash) {
        calendar.revokeFeedLink(Caller.of(auth));
        flash.addFlashAttribute(
                "notice", "Đã thu hồi liên kết lịch; các ứng dụng lịch đã đăng ký sẽ không nhận được lịch nữa.");
        return backTo(week);
    }

    @GetMapping("/van-ban/{id}/tham-du")
    String attendance(@PathVariable Long id, Model model, Authentication auth) {
        Caller caller = Caller.of(auth);
        model.addAttribute("sheet", attendance.of(id, caller));
        model.addAttribute(
                "canRemind", access.allows(caller, Action.REMIND_INVITEES, AccessPolicy.Subject.of(documents.get(id))));
        return "web/attendance";
    }

    @PostMapping("/van-ban/{id}/tham-du/nhac")
    String remind(@PathVariable Long id, Authentication auth, RedirectAttributes flash) {
        try {
            Attendance.Reminded reminded = attendance.remind(id, Caller.of(auth));
            flash.addFlashAttribute(
                    "notice",
                    reminded.sent() == 0
                            ? "Không còn ai chưa trả lời để nhắc."
                            : "Đã gửi thư nhắc tới " + reminded.sent() + " người chưa trả lời"
                                    + (reminded.failed() > 0
                                            ? "; " + reminded.failed() + " thư không gửi được."
                                            : "."));
        } catch (ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/van-ban/" + id + "/tham-du";
    }

    /** The drafter's upload on the document page (multipart, field "file"). */
    @PostMapping("/van-ban/{id}/tai-lieu")
    String upload(@PathVariable Long id, HttpServletRequest request, Authentication auth, RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        try {
            MeetingPapers.Paper paper = uploads.upload(id, request, caller);
            flash.addFlashAttribute("notice", "Đã thêm tài liệu họp " + paper.name() + " (" + paper.sizeText() + ").");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", String.join(" ", e.fieldErrors().values()));
        } catch (ConflictException | ForbiddenException e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (MultipartException | IOException e) {
            flash.addFlashAttribute("error", uploads.unreadable());
        }
        return back(id, request);
    }

    /**
     * Back to where the form was: the draft form says so with "?tu=sua" in the URL (read from the
     * query string alone: asking the request for a parameter would parse a multipart body).
     */
    static String back(Long id, HttpServletRequest request) {
        String from = org.springframework.web.util.UriComponentsBuilder.fromUriString(
                        "/?" + java.util.Objects.toString(request.getQueryString(), ""))
                .build()
                .getQueryParams()
                .getFirst("tu");
        return "redirect:/van-ban/" + id + ("sua".equals(from) ? "/sua" : "") + "#tai-lieu";
    }

    @PostMapping("/van-ban/{id}/tai-lieu/{paperId}/xoa")
    String removePaper(
            @PathVariable Long id,
            @PathVariable Long paperId,
            HttpServletRequest request,
            Authentication auth,
            RedirectAttributes flash) {
        try {
            papers.remove(id, paperId, Caller.of(auth));
            flash.addFlashAttribute("notice", "Đã gỡ tài liệu họp.");
        } catch (ConflictException | ForbiddenException | NotFoundException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return back(id, request);
    }

    @GetMapping("/van-ban/{id}/tai-lieu/{paperId}")
    ResponseEntity<byte[]> paper(@PathVariable Long id, @PathVariable Long paperId, Authentication auth) {
        access.check(Caller.of(auth), Action.VIEW_DOCUMENT, documents.readers(documents.get(id)));
        MeetingPapers.Paper paper =
                papers.find(id, paperId).orElseThrow(() -> new NotFoundException("Không có tài liệu này."));
        return PaperDownloads.download(paper, papers.content(paperId));
    }
}
