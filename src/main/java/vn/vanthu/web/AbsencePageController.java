package vn.vanthu.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.absence.Absences;
import vn.vanthu.directory.Directory;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;

/**
 * "Vắng mặt": a leader lists, records and cancels their own absences; meanwhile the deputy they
 * name signs (workflow.SigningDeputies). The rules are Absences'; a refusal comes back beside its field.
 */
@Controller
class AbsencePageController {

    static final String PATH = "/vang-mat";

    private final Absences absences;
    private final Directory directory;
    private final Clock clock;

    AbsencePageController(Absences absences, Directory directory, Clock clock) {
        this.absences = absences;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping(PATH)
    String page(Model model, Authentication auth) {
        // a non-signer gets the 403 page (ForbiddenException through WebSupport)
        return show(model, Caller.of(auth), Map.of(), null);
    }

    @PostMapping(PATH)
    String record(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String deputy,
            @RequestParam(required = false) String reason,
            Model model,
            Authentication auth,
            RedirectAttributes flash) {
        Caller caller = Caller.of(auth);
        Absences.Request request = new Absences.Request(null, from, to, deputy, reason);
        try {
            var absence = absences.recordOwn(caller, request);
            flash.addFlashAttribute(
                    "notice",
                    "Đã ghi lịch vắng mặt " + Absences.period(absence) + "; " + directory.fullName(absence.deputy())
                            + " ký thay trong thời gian này.");
        } catch (InvalidInputException e) {
            return show(model, caller, e.fieldErrors(), request);
        }
        return "redirect:" + PATH;
    }

    @PostMapping("/vang-mat/{absenceId}/huy")
    String cancel(@PathVariable long absenceId, Authentication auth, RedirectAttributes flash) {
        try {
            absences.cancel(Caller.of(auth), absenceId);
            flash.addFlashAttribute("notice", "Đã hủy lịch vắng mặt. Việc ký mới lại giao cho đồng chí.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + PATH;
    }

    private String show(Model model, Caller caller, Map<String, String> errors, Absences.Request form) {
        model.addAttribute("absences", absences.mine(caller));
        model.addAttribute(
                "deputies",
                directory.signers().stream()
                        .filter(s -> !s.userId().equals(caller.userId()))
                        .toList());
        model.addAttribute("errors", errors);
        model.addAttribute("form", form == null ? new Absences.Request(null, null, null, null, null) : form);
        model.addAttribute("now", Instant.now(clock));
        return "web/absences";
    }
}
