package vn.vanthu.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.numbering.RegisterEntry;
import vn.vanthu.system.NotFoundException;

/**
 * The public board, no sign-in: issued invitations and conclusions from the outgoing register
 * (only issued documents are ever there), with number, title and issue date, and nothing else:
 * no recipients, no emails, no drafts. A recalled one shows as such, without its PDF.
 */
@Controller
class PublicBoardController {

    private static final int BOARD_SIZE = 100;

    private final OutgoingRegister register;

    PublicBoardController(OutgoingRegister register) {
        this.register = register;
    }

    @GetMapping("/thong-bao")
    String board(Model model) {
        model.addAttribute("invitations", register.newest("GM", BOARD_SIZE));
        model.addAttribute("conclusions", register.newest("KL", BOARD_SIZE));
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
