package vn.vanthu.workflow;

/**
 * Checked before a signer's "sign" completes, so that a signer without a usable key is told at
 * once instead of the issuing job failing later. Throws with a clear message when not ready.
 */
public interface SigningReadiness {
    void check(String signerUserId);
}
