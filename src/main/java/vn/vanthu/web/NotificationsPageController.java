package vn.vanthu.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.notification.Notifications;
import vn.vanthu.security.Caller;

/**
 * "Thông báo của tôi", where the header's bell leads: one's own notifications, newest first, and a
 * button that marks them all read. Not /thong-bao: that is the public board.
 */
@Controller
class NotificationsPageController {

    static final String PATH = "/thong-bao-cua-toi";

    private final Notifications notifications;

    NotificationsPageController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping(PATH)
    String page(Model model, Authentication auth) {
        model.addAttribute("inbox", notifications.inbox(Caller.of(auth)));
        return "web/notifications";
    }

    @PostMapping(PATH + "/da-doc")
    @Transactional
    String markAllRead(Authentication auth, RedirectAttributes flash) {
        int marked = notifications.markAllRead(Caller.of(auth));
        flash.addFlashAttribute(
                "notice",
                marked == 0 ? "Không có thông báo chưa đọc." : "Đã đánh dấu " + marked + " thông báo là đã đọc.");
        return "redirect:" + PATH;
    }
}
