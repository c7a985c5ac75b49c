package vn.vanthu.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles its POST (username, password, _csrf). */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "web/login";
    }
}
