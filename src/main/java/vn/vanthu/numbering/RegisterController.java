package vn.vanthu.numbering;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.DocumentRules;
import vn.vanthu.security.Caller;

@RestController
class RegisterController {

    private final OutgoingRegister register;
    private final RegisterBooks books;
    private final AccessPolicy access;
    private final OrganisationProperties settings;
    private final DocumentRules rules;

    RegisterController(
            OutgoingRegister register,
            RegisterBooks books,
            AccessPolicy access,
            OrganisationProperties settings,
            DocumentRules rules) {
        this.access = access;
        this.settings = settings;
        this.rules = rules;
        this.register = register;
        this.books = books;
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
        return books.entries(type, year, term);
    }

    /**
     * The public board's documents, newest first, of every type configured as published
     * (vanthu.rules.types.*.publish): at most {@value #NOTICES_PER_TYPE} of each. No sign-in, no
     * personal data.
     */
    @GetMapping("/api/public/notices")
    List<PublicNotice> notices() {
        return settings.typeCodes().stream()
                .filter(rules::publishByDefault)
                .flatMap(type -> register.newest(type, NOTICES_PER_TYPE).stream())
                .sorted(Comparator.comparing(RegisterEntry::issuedAt).reversed())
                .map(e -> new PublicNotice(
                        e.number(), e.type(), e.title(), e.issuedAt().toLocalDate(), e.recalled()))
                .toList();
    }

    static final int NOTICES_PER_TYPE = 200;

    record PublicNotice(String number, String type, String title, LocalDate issuedOn, boolean recalled) {}
}
