package vn.vanthu.numbering;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One line of the outgoing register (Sổ đăng ký văn bản đi, Nghị định 30/2020 Phụ lục IV).
 *
 * @param urgency           the printed level ("KHẨN" …), null when none
 * @param published         on the public board (never when internal)
 * @param circulation       "Lưu hành nội bộ", null when none
 * @param printedRecipients Nơi nhận as printed (without "- " and ","), "Lưu Văn phòng" last
 * @param copies            số lượng bản: one per recipient emailed, and the office's copy
 * @param firstSentAt       ngày chuyển: when the first email of the document left; null before
 * @param confirmed         ký nhận: recipients who confirmed receipt, of {@code deliveries}
 * @param recall            the recall and the decision it rests on; null when not recalled
 */
public record RegisterEntry(
        String number,
        String type,
        int seq,
        Long documentId,
        String title,
        String signer,
        OffsetDateTime issuedAt,
        boolean recalled,
        String urgency,
        boolean published,
        String circulation,
        List<String> printedRecipients,
        int copies,
        OffsetDateTime firstSentAt,
        int confirmed,
        int deliveries,
        Recall recall) {

    /** Đơn vị, người nhận bản lưu: the office keeps the file copy ("- Lưu Văn phòng."). */
    public static final String FILE_COPY_HOLDER = "Văn phòng";

    public record Recall(String reason, String decidedBy, String basis, OffsetDateTime at) {

        /** "theo Công văn số 12-CV/ĐUK ngày 20/11/2026 của Ban Thường vụ"; null when no decision was recorded. */
        public String basisText() {
            if (basis == null && decidedBy == null) {
                return null;
            }
            return basis == null
                    ? "theo quyết định của " + decidedBy
                    : "theo " + basis + (decidedBy == null ? "" : " của " + decidedBy);
        }

        /** "Thu hồi theo Công văn số 12-CV/ĐUK ngày 20/11/2026 của Ban Thường vụ: lý do" */
        public String text() {
            StringBuilder s = new StringBuilder("Thu hồi");
            if (basis != null) {
                s.append(" theo ").append(basis);
            }
            if (decidedBy != null) {
                s.append(basis == null ? " theo quyết định của " : " của ").append(decidedBy);
            }
            if (reason != null) {
                s.append(": ").append(reason);
            }
            return s.toString();
        }
    }
}
