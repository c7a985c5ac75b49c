package vn.vanthu.numbering;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
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

    RegisterBooks(OutgoingRegister register, OrganisationProperties settings, Directory directory) {
        this.register = register;
        this.settings = settings;
        this.directory = directory;
    }

    /**
     * The book of a type: by {@code term} (its first day) for a type numbered per term, else by
     * {@code year}; without either, the current year or term.
     */
    public Book book(String type, Integer year, LocalDate term) {
        if (!settings.knowsType(type)) {
            throw InvalidInputException.of(
                    "type",
                    "Cần chọn loại văn bản, một trong "
                            + settings.documentTypes().keySet() + ".");
        }
        boolean perTerm = settings.type(type).scope() == OrganisationProperties.NumberingScope.TERM;
        String typeName = settings.type(type).name();
        List<RegisterEntry> entries;
        String label;
        String fileLabel;
        if (term != null || (perTerm && year == null)) {
            if (!perTerm) {
                throw InvalidInputException.of(
                        "term", "Loại " + type + " được đánh số theo năm: dùng year, không dùng term.");
            }
            LocalDate start = term == null ? settings.organisation().termStart() : term;
            entries = register.byScope(type, NumberAllocator.termScope(start));
            label = termLabel(start);
            fileLabel = "nhiem-ky-" + start.getYear() + "-" + (start.getYear() + TERM_YEARS);
        } else {
            int y = year == null ? LocalDate.now(OrganisationProperties.VIETNAM).getYear() : year;
            if (y < 1930 || y > 2200) {
                throw InvalidInputException.of("year", "Năm " + y + " không hợp lệ.");
            }
            entries = register.byYear(type, y);
            label = "Năm " + y;
            fileLabel = String.valueOf(y);
        }
        OrganisationProperties.Organisation org = settings.organisation();
        List<List<String>> rows = new ArrayList<>();
        for (RegisterEntry e : entries) {
            rows.add(row(e, typeName));
        }
        return new Book(org.superiorBody(), org.name(), type, typeName, label, fileLabel, COLUMNS, rows, entries);
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
