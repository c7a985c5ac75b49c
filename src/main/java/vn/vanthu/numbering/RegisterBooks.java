package vn.vanthu.numbering;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.document.DocumentRules;
import vn.vanthu.system.InvalidInputException;

/**
 * One book of the outgoing register as printed and exported: a type's year, or its nhiệm kỳ for a
 * type numbered per term, with the columns of Nghị định 30/2020 Phụ lục IV plus độ khẩn.
 */
@Service
public class RegisterBooks {

    /** A Party committee's term: five years ("Nhiệm kỳ 2025 - 2030"). */
    static final int TERM_YEARS = 5;

    public static final List<String> COLUMNS = List.of(
            "Số, ký hiệu văn bản",
            "Ngày, tháng văn bản",
            "Tên loại và trích yếu nội dung văn bản",
            "Người ký",
            "Nơi nhận văn bản",
            "Đơn vị, người nhận bản lưu",
            "Số lượng bản",
            "Ngày chuyển",
            "Ký nhận",
            "Độ khẩn",
            "Ghi chú");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    /**
     * @param label "Năm 2026" or "Nhiệm kỳ 2025 - 2030"
     * @param rows  one per register line, cells in {@link #COLUMNS} order; Nơi nhận's lines are
     *              separated by line breaks
     */
    public record Book(
            String superiorBody,
            String organisation,
            String type,
            String typeName,
            String label,
            String fileLabel,
            List<String> columns,
            List<List<String>> rows,
            List<RegisterEntry> entries) {

        /** The issuing body's printed lines. */
        public List<String> organisationLines() {
            return organisation == null ? List.of() : List.of(organisation.split("\n"));
        }

        public String firstNumber() {
            return entries.isEmpty() ? null : entries.get(0).number();
        }

        public String lastNumber() {
            return entries.isEmpty() ? null : entries.get(entries.size() - 1).number();
        }

        public String firstDay() {
            return entries.isEmpty() ? null : entries.get(0).issuedAt().format(DAY);
        }

        public String lastDay() {
            return entries.isEmpty()
                    ? null
                    : entries.get(entries.size() - 1).issuedAt().format(DAY);
        }
    }

    private final OutgoingRegister register;
    private final OrganisationProperties settings;
    private final Directory directory;
    private final DocumentRules rules;

    RegisterBooks(
            OutgoingRegister register, OrganisationProperties settings, Directory directory, DocumentRules rules) {
        this.register = register;
        this.settings = settings;
        this.rules = rules;
        this.directory = directory;
    }

    /**
     * The book of a type: by {@code term} (its first day) for a type numbered per term, else by
     * {@code year}; without either, the current year or term.
     */
    public Book book(String type, Integer year, LocalDate term) {
        Selection chosen = select(type, year, term);
        String typeName = settings.type(type).name();
        OrganisationProperties.Organisation org = settings.organisation();
        List<List<String>> rows = new ArrayList<>();
        for (RegisterEntry e : chosen.entries()) {
            rows.add(row(e, typeName));
        }
        return new Book(
                org.superiorBody(),
                // broken where the document's header breaks it (vanthu.rules.issuing-body-lines)
                rules.breakLikeIssuingBody(org.name()),
                type,
                typeName,
                chosen.label(),
                chosen.fileLabel(),
                COLUMNS,
                rows,
                chosen.entries());
    }

    /**
     * The lines of a book as {@link #book} chooses it, for the API: {@code term} as given (the
     * term's first day, yyyy-MM-dd), refused for a type numbered per year.
     */
    public List<RegisterEntry> entries(String type, Integer year, String term) {
        checkType(type);
        LocalDate start = null;
        if (term != null) {
            if (!perTerm(type)) {
                throw perYearOnly(type);
            }
            try {
                start = LocalDate.parse(term.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw InvalidInputException.of("term", "Nhiệm kỳ là ngày bắt đầu của nó, dạng 2025-10-01.");
            }
        }
        return select(type, year, start).entries();
    }

    private record Selection(List<RegisterEntry> entries, String label, String fileLabel) {}

    /** A term's book ({@code term}, or the current term of a type numbered per term), else a year's. */
    private Selection select(String type, Integer year, LocalDate term) {
        checkType(type);
        boolean perTerm = perTerm(type);
        if (term != null || (perTerm && year == null)) {
            if (!perTerm) {
                throw perYearOnly(type);
            }
            LocalDate start = term == null ? settings.organisation().termStart() : term;
            return new Selection(
                    register.byScope(type, NumberAllocator.termScope(start)),
                    termLabel(start),
                    "nhiem-ky-" + start.getYear() + "-" + (start.getYear() + TERM_YEARS));
        }
        int y = year == null ? LocalDate.now(OrganisationProperties.VIETNAM).getYear() : year;
        if (y < 1930 || y > 2200) {
            throw InvalidInputException.of("year", "Năm " + y + " không hợp lệ.");
        }
        return new Selection(register.byYear(type, y), "Năm " + y, String.valueOf(y));
    }

    private void checkType(String type) {
        if (!settings.knowsType(type)) {
            throw InvalidInputException.of(
                    "type",
                    "Cần chọn loại văn bản, một trong "
                            + settings.documentTypes().keySet() + ".");
        }
    }

    private boolean perTerm(String type) {
        return settings.type(type).scope() == OrganisationProperties.NumberingScope.TERM;
    }

    private static InvalidInputException perYearOnly(String type) {
        return InvalidInputException.of("term", "Loại " + type + " được đánh số theo năm: dùng year, không dùng term.");
    }

    /** "Nhiệm kỳ 2025 - 2030": a term book's label, from the term's first day. */
    public static String termLabel(LocalDate start) {
        return "Nhiệm kỳ " + start.getYear() + " - " + (start.getYear() + TERM_YEARS);
    }

    private List<String> row(RegisterEntry e, String typeName) {
        List<String> notes = new ArrayList<>();
        if (e.circulation() != null) {
            notes.add(e.circulation());
        }
        if (!e.published()) {
            notes.add("Không công bố");
        }
        if (e.recall() != null) {
            notes.add(e.recall().text());
        } else if (e.recalled()) {
            notes.add("Đã thu hồi");
        }
        return List.of(
                e.number(),
                e.issuedAt().format(DAY),
                capitalised(typeName) + ": " + e.title(),
                directory.fullName(e.signer()),
                String.join("\n", e.printedRecipients()),
                RegisterEntry.FILE_COPY_HOLDER,
                e.copies() > 0 ? String.valueOf(e.copies()) : "",
                format(e.firstSentAt()),
                e.deliveries() == 0 ? "" : e.confirmed() + "/" + e.deliveries() + " đã xác nhận",
                e.urgency() == null ? "" : e.urgency(),
                String.join("; ", notes));
    }

    private static String format(OffsetDateTime t) {
        return t == null ? "" : t.format(MOMENT);
    }

    /** "GIẤY MỜI" → "Giấy mời". */
    static String capitalised(String upper) {
        String lower = upper.toLowerCase(java.util.Locale.forLanguageTag("vi"));
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
