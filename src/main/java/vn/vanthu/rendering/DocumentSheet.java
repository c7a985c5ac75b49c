package vn.vanthu.rendering;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything the renderer needs to lay out one Party document on A4, already resolved from
 * configuration and the document's current version: the renderer knows layout, not the domain.
 *
 * @param superiorBody  e.g. "ĐẢNG BỘ TỈNH BÌNH ĐỊNH" (14 pt plain capitals, top left)
 * @param issuingBody   e.g. "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" (14 pt bold capitals, "*" under it); a line
 *                      break ("\n") is where a long name breaks
 * @param number        e.g. "117-GM/ĐUK"; null for an unnumbered preview (rendered as "Số     -GM/ĐUK")
 * @param symbol        the part after the number, e.g. "GM/ĐUK", used for the unnumbered preview
 * @param dateLine      e.g. "Quy Nhơn, ngày 05 tháng 02 năm 2026"
 * @param typeName      e.g. "GIẤY MỜI", "KẾT LUẬN"
 * @param summary       trích yếu, e.g. the title
 * @param body          body paragraphs; only a line starting with {@link #HEADING_MARK} is a heading
 *                      (printed bold, without the mark): a numbered line is body text
 * @param meeting       for an invitation, the meeting; null otherwise
 * @param recipients    "Nơi nhận" entries (names of people or units), without the "- " and ","
 * @param collectiveSigner e.g. "T/M BAN THƯỜNG VỤ"
 * @param signerPosition e.g. "BÍ THƯ", "PHÓ BÍ THƯ"
 * @param signerName    full name, e.g. "Nguyễn Văn An"
 * @param marks         urgency, circulation, draft mark, title line, authority lines
 */
public record DocumentSheet(
        String superiorBody,
        String issuingBody,
        String number,
        String symbol,
        String dateLine,
        String typeName,
        String summary,
        List<String> body,
        Meeting meeting,
        List<String> recipients,
        String collectiveSigner,
        String signerPosition,
        String signerName,
        Marks marks) {

    /** Marks a body line as a heading: "# 1. Tình hình chung" prints "1. Tình hình chung" in bold. */
    public static final String HEADING_MARK = "# ";

    public DocumentSheet {
        marks = marks == null ? Marks.NONE : marks;
    }

    public DocumentSheet(
            String superiorBody,
            String issuingBody,
            String number,
            String symbol,
            String dateLine,
            String typeName,
            String summary,
            List<String> body,
            Meeting meeting,
            List<String> recipients,
            String collectiveSigner,
            String signerPosition,
            String signerName) {
        this(
                superiorBody,
                issuingBody,
                number,
                symbol,
                dateLine,
                typeName,
                summary,
                body,
                meeting,
                recipients,
                collectiveSigner,
                signerPosition,
                signerName,
                Marks.NONE);
    }

    public DocumentSheet withMarks(Marks marks) {
        return new DocumentSheet(
                superiorBody,
                issuingBody,
                number,
                symbol,
                dateLine,
                typeName,
                summary,
                body,
                meeting,
                recipients,
                collectiveSigner,
                signerPosition,
                signerName,
                marks);
    }

    /**
     * What 36-HD adds to some documents.
     *
     * @param urgency     "KHẨN", "THƯỢNG KHẨN", "HỎA TỐC": bold capitals in a box under the number; null: none
     * @param circulation "Lưu hành nội bộ": bold, under the number (and the urgency); null: none
     * @param draft       a preview before signing: "DỰ THẢO" boxed at the top right, no date
     * @param titleLine   under the type name, e.g. "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI"; null: none
     * @param authority   the lines above the signature (e.g. "T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG");
     *                    empty: collectiveSigner then signerPosition
     */
    public record Marks(String urgency, String circulation, boolean draft, String titleLine, List<String> authority) {
        public static final Marks NONE = new Marks(null, null, false, null, List.of());

        public Marks {
            authority = authority == null ? List.of() : List.copyOf(authority);
        }

        public Marks asDraft() {
            return new Marks(urgency, circulation, true, titleLine, authority);
        }
    }

    /**
     * An invitation's meeting, in Vietnam time.
     *
     * @param invitees    who is invited ("Kính mời: …"), free text
     * @param preparation what to prepare, may be blank
     * @param contact     contact person / phone, may be blank
     */
    public record Meeting(
            ZonedDateTime start,
            ZonedDateTime end,
            String location,
            String chair,
            String invitees,
            String preparation,
            String contact) {}
}
