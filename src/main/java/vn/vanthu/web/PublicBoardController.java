package vn.vanthu.web;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.DocumentRules;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.numbering.RegisterEntry;
import vn.vanthu.system.NotFoundException;

/**
 * The public board, no sign-in: one list per type configured as published (vanthu.rules.types.*.publish),
 * in the configured order, from the outgoing register
 * (only issued documents are ever there), with number, title and issue date, and nothing else:
 * no recipients, no emails, no drafts. A recalled one shows as such, without its PDF.
 */
@Controller
class PublicBoardController {

    private static final int BOARD_SIZE = 100;

    private final OutgoingRegister register;
    private final OrganisationProperties settings;
    private final DocumentRules rules;

    PublicBoardController(OutgoingRegister register, OrganisationProperties settings, DocumentRules rules) {
        this.register = register;
        this.settings = settings;
        this.rules = rules;
    }

    /** One type's list on the board. */
    record Section(String code, String label, List<RegisterEntry> entries) {}

    @GetMapping("/thong-bao")
    String board(Model model) {
        model.addAttribute(
                "sections",
                settings.typeCodes().stream()
                        .filter(rules::publishByDefault)
                        .map(code -> new Section(code, settings.label(code), register.newest(code, BOARD_SIZE)))
                        .toList());
        return "web/board";
    }

    @GetMapping("/thong-bao/{id}")
    String notice(@PathVariable Long id, Model model) {
        RegisterEntry entry = register.published(id)
                .orElseThrow(() -> new NotFoundException("Không có văn bản đã ban hành với mã này."));
        model.addAttribute("entry", entry);
        return "web/notice";
    }
}
