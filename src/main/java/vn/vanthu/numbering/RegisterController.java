package vn.vanthu.numbering;

import java.time.LocalDate;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.InvalidInputException;

@RestController
class RegisterController {

    private final OutgoingRegister register;
    private final OrganisationProperties settings;
    private final AccessPolicy access;

    RegisterController(OutgoingRegister register, OrganisationProperties settings, AccessPolicy access) {
        this.access = access;
        this.register = register;
        this.settings = settings;
    }

    /**
     * GET /api/register?type=GM&year=2026: staff only, in number order. For a type numbered per
     * term, {@code term=2025-10-01} (the term's first day) gives that term's book, whose numbers run
     * across years; without year or term, such a type gives the current term's book.
     */
    @GetMapping("/api/register")
    List<RegisterEntry> register(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) String term,
            Authentication auth) {
        access.check(Caller.of(auth), Action.READ_REGISTER);
        if (!settings.knowsType(type)) {
            throw InvalidInputException.of(
                    "type",
                    "Cần chọn loại văn bản, một trong "
                            + settings.documentTypes().keySet() + ".");
        }
        boolean perTerm = settings.type(type).scope() == OrganisationProperties.NumberingScope.TERM;
        if (term != null) {
            if (!perTerm) {
                throw InvalidInputException.of(
                        "term", "Loại " + type + " được đánh số theo năm: dùng year, không dùng term.");
            }
            try {
                return register.byScope(type, NumberAllocator.termScope(LocalDate.parse(term.trim())));
            } catch (java.time.format.DateTimeParseException e) {
                throw InvalidInputException.of("term", "Nhiệm kỳ là ngày bắt đầu của nó, dạng 2025-10-01.");
            }
        }
        if (year == null && perTerm) {
            return register.byScope(
                    type, NumberAllocator.termScope(settings.organisation().termStart()));
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

    record PublicNotice(String number, String title, LocalDate issuedOn, boolean recalled) {}
}
