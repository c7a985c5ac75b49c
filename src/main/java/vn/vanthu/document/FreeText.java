package vn.vanthu.document;

/**
 * What free text typed by staff may contain. C0 controls (but tab and line feed) reach the PDF
 * renderer, the issue job and the calendar part of the emails, where a bell made the preview fail
 * and a bare CR started a calendar line; bidirectional overrides make a text read differently
 * from what it says. Both are refused at save, with a message for the field, rather than
 * silently removed from what a leader is about to sign.
 */
public final class FreeText {

    private FreeText() {}

    /** CR LF (what browsers send from a textarea) as LF; everything else unchanged. */
    public static String normalise(String value) {
        return value == null ? null : value.replace("\r\n", "\n");
    }

    /** A Vietnamese message saying what is wrong with the (normalised) text, or null if nothing. */
    public static String problem(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r') {
                return "Không được chứa ký tự xuống dòng CR đứng riêng (mã U+000D); xin gõ lại chỗ xuống dòng.";
            }
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
                return "Không được chứa ký tự điều khiển (mã " + code(c) + ") ở vị trí " + (i + 1) + ".";
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "Không được chứa ký tự đảo chiều văn bản (mã " + code(c) + ") ở vị trí " + (i + 1) + ".";
            }
        }
        return null;
    }

    private static String code(char c) {
        return String.format("U+%04X", (int) c);
    }
}
