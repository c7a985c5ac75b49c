package vn.vanthu.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.security.Caller;

/** GET /api/me/summary: the home page's counts for the caller (HomeSummary says what each counts). */
@RestController
class SummaryController {

    private final HomeSummary summary;

    SummaryController(HomeSummary summary) {
        this.summary = summary;
    }

    @GetMapping("/api/me/summary")
    HomeSummary.Summary summary(Authentication auth) {
        return summary.of(Caller.of(auth));
    }
}
