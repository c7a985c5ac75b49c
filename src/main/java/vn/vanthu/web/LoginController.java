package vn.vanthu.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles its POST (username, password, _csrf). */
@Controller
class LoginController {

    /** {@code tam-khoa}: sign-in paused for that many minutes (security.LoginThrottle); only a small number is shown. */
    @GetMapping("/login")
    String login(@RequestParam(name = "tam-khoa", required = false) String pause, Model model) {
        if (pause != null && pause.matches("[1-9][0-9]?")) {
            model.addAttribute("pauseMinutes", Integer.parseInt(pause));
        }
        return "web/login";
    }
}
