package vn.vanthu.numbering;

import java.time.LocalDate;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;

@RestController
class RegisterController {

    private final OutgoingRegister register;
    private final OrganisationProperties settings;

    RegisterController(OutgoingRegister register, OrganisationProperties settings) {
        this.register = register;
        this.settings = settings;
    }

    /** GET /api/register?type=GM&year=2026: staff only, in number order. */
    @GetMapping("/api/register")
    List<RegisterEntry> register(@RequestParam(required = false) String type,
                                 @RequestParam(required = false) Integer year, Authentication auth) {
        if (!Caller.of(auth).isStaff()) {
            throw new ForbiddenException("Chỉ cán bộ Văn phòng và lãnh đạo mới xem được sổ văn bản đi.");
        }
        if (!settings.knowsType(type)) {
            throw InvalidInputException.of("type", "Cần chọn loại văn bản, một trong " + settings.documentTypes().keySet() + ".");
        }
        int y = year == null ? LocalDate.now(OrganisationProperties.VIETNAM).getYear() : year;
        if (y < 1930 || y > 2200) {
            throw InvalidInputException.of("year", "Năm " + y + " không hợp lệ.");
        }
        return register.byYear(type, y);
    }

    /** The public board's list of issued invitations, newest first; no sign-in, no personal data. */
    @GetMapping("/api/public/notices")
    List<PublicNotice> notices() {
        return register.newest("GM", 200).stream()
                .map(e -> new PublicNotice(e.number(), e.title(), e.issuedAt().toLocalDate(), e.recalled()))
                .toList();
    }

    record PublicNotice(String number, String title, LocalDate issuedOn, boolean recalled) {
    }
}
