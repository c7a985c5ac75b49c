package vn.vanthu.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.notification.Notifications;
import vn.vanthu.operations.PublicUrlCheck;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.GoneException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.workflow.WorkItems;

/**
 * What every page of the web UI needs: who is signed in (for the header's menu), and errors as a
 * Vietnamese page instead of the API's problem+json (this advice goes before the API's).
 */
@ControllerAdvice(basePackages = "vn.vanthu.web")
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebSupport {

    /** The signed-in person as the header shows them; null when nobody is signed in. */
    record Me(
            String userId,
            String fullName,
            boolean drafter,
            boolean clerk,
            boolean admin,
            boolean mailbox,
            boolean signer,
            boolean staff,
            boolean addressBook,
            int waiting,
            int unread) {}

    private final Directory directory;
    private final AccessPolicy access;
    private final WorkItems workItems;
    private final PublicUrlCheck publicUrl;
    private final Notifications notifications;

    WebSupport(
            Directory directory,
            AccessPolicy access,
            WorkItems workItems,
            PublicUrlCheck publicUrl,
            Notifications notifications) {
        this.notifications = notifications;
        this.publicUrl = publicUrl;
        this.directory = directory;
        this.access = access;
        this.workItems = workItems;
    }

    @ModelAttribute("me")
    Me me(Authentication auth) {
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return null;
        }
        Caller caller = Caller.of(auth);
        return new Me(
                caller.userId(),
                directory.fullName(caller.userId()),
                access.allows(caller, Action.CREATE_DRAFT),
                access.allows(caller, Action.LIST_FAILED_DELIVERIES),
                caller.isIn(Groups.ADMINS),
                access.allows(caller, Action.READ_MAILBOX),
                access.allows(caller, Action.CHANGE_SIGNING_PIN),
                caller.isStaff(),
                access.allows(caller, Action.MANAGE_ADDRESS_BOOK),
                // one indexed count per page: the menu says how many tasks wait
                caller.isStaff() ? workItems.countFor(caller.userId(), caller.groups()) : 0,
                // the bell's number: one's own unread notifications
                notifications.unread(caller));
    }

    /** What the administrators must fix, on every page they open (fragments :: header). */
    @ModelAttribute("adminWarnings")
    java.util.List<String> adminWarnings(Authentication auth) {
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return java.util.List.of();
        }
        return Caller.of(auth).isIn(Groups.ADMINS)
                ? publicUrl.warning().stream().toList()
                : java.util.List.of();
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return page(HttpStatus.NOT_FOUND, "Không tìm thấy", e.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ModelAndView forbidden(ForbiddenException e) {
        return page(HttpStatus.FORBIDDEN, "Không có quyền", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e) {
        return page(HttpStatus.CONFLICT, "Không thực hiện được", e.getMessage());
    }

    @ExceptionHandler(GoneException.class)
    ModelAndView gone(GoneException e) {
        return page(HttpStatus.GONE, "Đã hết hạn", e.getMessage());
    }

    /** "/van-ban/abc": an address no page answers, told as a page (the API's JSON is for scripts). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badAddress(MethodArgumentTypeMismatchException e) {
        return page(
                HttpStatus.BAD_REQUEST,
                "Địa chỉ không hợp lệ",
                "Địa chỉ trang có giá trị không hợp lệ ('" + e.getValue() + "'). Hãy mở lại trang từ danh sách.");
    }

    /** A form posted without a field it needs (an old or hand-made form). */
    @ExceptionHandler({ServletRequestBindingException.class, HttpMessageNotReadableException.class})
    ModelAndView badRequest(Exception e) {
        return page(
                HttpStatus.BAD_REQUEST,
                "Yêu cầu không hợp lệ",
                "Biểu mẫu gửi lên thiếu thông tin hoặc đã cũ. Hãy tải lại trang rồi thử lại.");
    }

    private ModelAndView page(HttpStatus status, String title, String message) {
        ModelAndView page = new ModelAndView("web/problem", status);
        // @ModelAttribute methods do not run for an exception handler's view: the header's menu needs "me"
        Authentication auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        page.addObject("me", me(auth));
        page.addObject("adminWarnings", adminWarnings(auth));
        page.addObject("title", title);
        page.addObject("message", message);
        return page;
    }
}
