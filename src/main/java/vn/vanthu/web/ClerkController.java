package vn.vanthu.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.numbering.NumberAllocator;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.numbering.RegisterBooks;
import vn.vanthu.numbering.RegisterEntry;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.workflow.Redelivery;

/** The clerk's pages: the outgoing register (Sổ văn bản đi) and the deliveries that failed. */
@Controller
class ClerkController {

    private final OutgoingRegister register;
    private final OrganisationProperties settings;
    private final DeliveryService deliveries;
    private final Redelivery redelivery;
    private final AccessPolicy access;
    private final RegisterBooks books;

    ClerkController(
            OutgoingRegister register,
            OrganisationProperties settings,
            DeliveryService deliveries,
            Redelivery redelivery,
            AccessPolicy access,
            RegisterBooks books) {
        this.books = books;
        this.access = access;
        this.deliveries = deliveries;
        this.redelivery = redelivery;
        this.register = register;
        this.settings = settings;
    }

    /**
     * One numbering book — a type and its year, or its nhiệm kỳ for types numbered per term — then
     * narrowed by number, words of the title and issue dates (a book is at most a few thousand lines).
     */
    @GetMapping("/so-van-ban-di")
    String register(
            @RequestParam(name = "loai", required = false) String type,
            @RequestParam(name = "nam", required = false) Integer year,
            @RequestParam(name = "nk", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate term,
            @RequestParam(name = "so", required = false) String number,
            @RequestParam(name = "q", required = false) String words,
            @RequestParam(name = "tu", required = false) String fromText,
            @RequestParam(name = "den", required = false) String toText,
            @RequestParam(name = "trang", required = false) Integer page,
            Model model,
            Authentication auth) {
        // typed dd/MM/yyyy whatever the browser's language (yyyy-MM-dd is read too); an unreadable day is said, not
        // ignored
        LocalDate from = day(fromText);
        LocalDate to = day(toText);
        if ((from == null && blankToNull(fromText) != null) || (to == null && blankToNull(toText) != null)) {
            model.addAttribute("dateError", "Ngày phải viết dạng dd/MM/yyyy, ví dụ 05/02/2026.");
        }
        access.check(Caller.of(auth), Action.READ_REGISTER);
        String t = book(type);
        int thisYear = LocalDate.now(OrganisationProperties.VIETNAM).getYear();
        int y = year == null || year < 1930 || year > 2200 ? thisYear : year;
        String n = blankToNull(number);
        String q = blankToNull(words);
        boolean perTerm = settings.type(t).scope() == OrganisationProperties.NumberingScope.TERM;
        LocalDate currentTerm = settings.organisation().termStart();
        List<LocalDate> terms = !perTerm
                ? List.of()
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(currentTerm), register.terms(t).stream())
                        .distinct()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList();
        LocalDate chosenTerm = term != null && terms.contains(term) ? term : currentTerm;
        // the deliveries' part of a line (ngày chuyển, ký nhận) only for the page shown, below
        List<RegisterEntry> book = register.linesOf(t, y, perTerm ? NumberAllocator.termScope(chosenTerm) : null);
        List<RegisterEntry> entries = book.stream()
                .filter(e -> n == null
                        || e.number().toLowerCase(Locale.ROOT).contains(n.toLowerCase(Locale.ROOT))
                        || String.valueOf(e.seq()).equals(n.replaceFirst("^0+", "")))
                .filter(e -> q == null
                        || vn.vanthu.document.SearchText.fold(e.title())
                                .contains(vn.vanthu.document.SearchText.fold(q)))
                .filter(e -> from == null || !e.issuedAt().toLocalDate().isBefore(from))
                .filter(e -> to == null || !e.issuedAt().toLocalDate().isAfter(to))
                .toList();
        // a page of the book at a time: a year's book of several thousand lines is megabytes of HTML
        // (docs/benchmarks.md, "Scale"); the print view and the exports keep the whole book
        int pages = Math.max(1, (entries.size() + REGISTER_PAGE - 1) / REGISTER_PAGE);
        int p = page == null || page < 1 ? 1 : Math.min(page, pages);
        model.addAttribute(
                "entries",
                register.withDeliveries(
                        entries.subList((p - 1) * REGISTER_PAGE, Math.min(entries.size(), p * REGISTER_PAGE))));
        model.addAttribute("total", entries.size());
        model.addAttribute("page", p);
        model.addAttribute("pages", pages);
        model.addAttribute("type", t);
        model.addAttribute("types", settings.typeCodes());
        model.addAttribute("year", y);
        model.addAttribute("perTerm", perTerm);
        model.addAttribute("terms", terms);
        model.addAttribute("term", chosenTerm);
        model.addAttribute(
                "years",
                java.util.stream.IntStream.rangeClosed(thisYear - 5, thisYear)
                        .boxed()
                        .sorted(java.util.Comparator.reverseOrder())
                        .toList());
        model.addAttribute("so", n);
        model.addAttribute("q", q);
        model.addAttribute("tu", from == null ? blankToNull(fromText) : from.format(DAY));
        model.addAttribute("den", to == null ? blankToNull(toText) : to.format(DAY));
        model.addAttribute("bookLabel", perTerm ? RegisterBooks.termLabel(chosenTerm) : "Năm " + y);
        model.addAttribute("bookQuery", perTerm ? "type=" + t + "&term=" + chosenTerm : "type=" + t + "&year=" + y);
        return "web/register";
    }

    /** Lines of the register per page. */
    static final int REGISTER_PAGE = 200;

    /** The book to print from the browser: cover lines and every column of Phụ lục IV, nothing else on the page. */
    @GetMapping("/so-van-ban-di/in")
    String print(
            @RequestParam(name = "loai", required = false) String type,
            @RequestParam(name = "nam", required = false) Integer year,
            @RequestParam(name = "nk", required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate term,
            Model model,
            Authentication auth) {
        access.check(Caller.of(auth), Action.READ_REGISTER);
        String t = book(type);
        boolean perTerm = settings.type(t).scope() == OrganisationProperties.NumberingScope.TERM;
        model.addAttribute("book", books.book(t, perTerm ? null : year, perTerm ? term : null));
        return "web/register-print";
    }

    /** The asked type's book, the first configured type's when none is asked; an unknown type is refused. */
    private String book(String asked) {
        if (asked == null || asked.isBlank()) {
            return settings.defaultType();
        }
        if (!settings.knowsType(asked.strip())) {
            throw new NotFoundException("Không có sổ của loại văn bản '" + asked.strip() + "'. Các loại văn bản: "
                    + settings.typeList() + ".");
        }
        return asked.strip();
    }

    @GetMapping("/gui-loi")
    String failed(Model model, Authentication auth) {
        access.check(Caller.of(auth), Action.LIST_FAILED_DELIVERIES);
        model.addAttribute("failed", deliveries.failed(500));
        return "web/failed";
    }

    /** The retry button: one more attempt, through the same job and retry rules as the first. */
    @PostMapping("/gui-loi/{id}/gui-lai")
    String retry(@PathVariable Long id, Authentication auth, RedirectAttributes flash) {
        try {
            Delivery delivery = redelivery.retry(id, Caller.of(auth));
            flash.addFlashAttribute("notice", "Đang gửi lại thư tới " + delivery.email() + ".");
        } catch (ConflictException | NotFoundException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/gui-loi";
    }

    private static final java.time.format.DateTimeFormatter DAY =
            java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private static LocalDate day(String text) {
        String t = blankToNull(text);
        if (t == null) {
            return null;
        }
        try {
            return TypedDay.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
