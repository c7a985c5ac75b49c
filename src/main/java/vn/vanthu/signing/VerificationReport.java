package vn.vanthu.signing;

import java.util.List;

/**
 * The outcome of checking a PDF's signatures.
 *
 * @param valid      the verdict is {@link Verdict#ISSUED_ORIGINAL}: every signature and document timestamp
 *                   TOTAL_PASSED under the configured trust anchors, the organisation's seal present and last, and
 *                   after it nothing but validation data and document timestamps
 * @param indication the worst ETSI EN 319 102-1 indication among the signatures (TOTAL_PASSED, INDETERMINATE,
 *                   TOTAL_FAILED); null when there is no signature to speak of
 * @param reason     why not valid, in Vietnamese, naming the first problem; null when valid
 * @param signatures one check per signature or document timestamp, in file order (first signed first)
 * @param verdict    what the file is, in one word
 */
record VerificationReport(
        boolean valid, String indication, String reason, List<SignatureCheck> signatures, Verdict verdict) {

    public static final String TOTAL_PASSED = "TOTAL_PASSED";
    public static final String INDETERMINATE = "INDETERMINATE";
    public static final String TOTAL_FAILED = "TOTAL_FAILED";

    /** What a file is, for the public check: green only for the first. */
    public enum Verdict {
        /** The leader's signature, then the organisation's seal, nothing after but validation data. */
        ISSUED_ORIGINAL,
        /** Only the leader's signature: the revision before the number, the date and the seal. */
        SIGNED_NOT_ISSUED,
        /** Changed after a signature, a signature broken, or a signature added that the route does not make. */
        MODIFIED,
        /** Intact, but a certificate does not chain to a trust anchor, is revoked or expired, or cannot be checked. */
        UNTRUSTED,
        /** No signature, or not a readable PDF. */
        NOT_SIGNED
    }

    public VerificationReport {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
        valid = verdict == Verdict.ISSUED_ORIGINAL;
    }

    static VerificationReport notSigned(String reason) {
        return new VerificationReport(false, null, reason, List.of(), Verdict.NOT_SIGNED);
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
