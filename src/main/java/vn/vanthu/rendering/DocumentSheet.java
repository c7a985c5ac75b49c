package vn.vanthu.rendering;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything the renderer needs to lay out one Party document on A4, already resolved from
 * configuration and the document's current version: the renderer knows layout, not the domain.
 *
 * @param superiorBody  e.g. "TỈNH ỦY QUẢNG NAM" (14 pt plain capitals, top left)
 * @param issuingBody   e.g. "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH" (14 pt bold capitals, "*" under it)
 * @param number        e.g. "117-GM/ĐUK"; null for an unnumbered preview (rendered as "Số     -GM/ĐUK")
 * @param symbol        the part after the number, e.g. "GM/ĐUK", used for the unnumbered preview
 * @param dateLine      e.g. "Quy Nhơn, ngày 05 tháng 02 năm 2026"
 * @param typeName      e.g. "GIẤY MỜI", "KẾT LUẬN"
 * @param summary       trích yếu, e.g. the title
 * @param body          body paragraphs; a line starting with "1.", "2." … is a numbered section heading
 * @param meeting       for an invitation, the meeting; null otherwise
 * @param recipients    "Nơi nhận" entries (names of people or units), without the "- " and ","
 * @param collectiveSigner e.g. "T/M BAN THƯỜNG VỤ"
 * @param signerPosition e.g. "BÍ THƯ", "PHÓ BÍ THƯ"
 * @param signerName    full name, e.g. "Nguyễn Văn An"
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
        String signerName) {

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
            String contact) {
    }
}
