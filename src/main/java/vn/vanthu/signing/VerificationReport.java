package vn.vanthu.signing;

import java.util.List;

/**
 * The outcome of checking a PDF's signatures.
 *
 * @param valid      at least one signature, every signature intact, and the last one covers the whole file
 * @param reason     why not valid, in Vietnamese; null when valid
 * @param signatures one check per signature, in file order (first signed first)
 */
public record VerificationReport(boolean valid, String reason, List<SignatureCheck> signatures) {

    public VerificationReport {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }

    static VerificationReport invalid(String reason) {
        return new VerificationReport(false, reason, List.of());
    }
}
