package vn.vanthu.signing;

import java.util.List;

/**
 * The outcome of checking a PDF's signatures.
 *
 * @param valid      at least one signature; every signature and document timestamp TOTAL_PASSED under the
 *                   configured trust anchors; and the last one covers the whole file
 * @param indication the worst ETSI EN 319 102-1 indication among the signatures (TOTAL_PASSED, INDETERMINATE,
 *                   TOTAL_FAILED); null when there is no signature to speak of
 * @param reason     why not valid, in Vietnamese, naming the first problem; null when valid
 * @param signatures one check per signature or document timestamp, in file order (first signed first)
 */
public record VerificationReport(boolean valid, String indication, String reason, List<SignatureCheck> signatures) {

    public static final String TOTAL_PASSED = "TOTAL_PASSED";
    public static final String INDETERMINATE = "INDETERMINATE";
    public static final String TOTAL_FAILED = "TOTAL_FAILED";

    public VerificationReport {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    static VerificationReport invalid(String reason) {
        return new VerificationReport(false, null, reason, List.of());
    }

    /** TOTAL_FAILED is worse than INDETERMINATE, which is worse than TOTAL_PASSED. */
    static String worse(String a, String b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(String indication) {
        if (indication == null) {
            return -1;
        }
        return switch (indication) {
            case TOTAL_PASSED -> 0;
            case TOTAL_FAILED -> 2;
            default -> 1; // INDETERMINATE and anything unknown
        };
    }
}
