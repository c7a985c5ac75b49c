package vn.vanthu.numbering;

/**
 * An allocated number: {@code seq} within (type, scope), printed as "05-GM/ĐUK"
 * (numbers 1–9 with a leading zero, a hyphen, no colon).
 */
public record DocumentNumber(String type, String scopeKey, int seq, String issuer) {

    public String text() {
        return format(seq, type, issuer);
    }

    public static String format(int seq, String type, String issuer) {
        return (seq < 10 ? "0" + seq : String.valueOf(seq)) + "-" + type + "/" + issuer;
    }
}
