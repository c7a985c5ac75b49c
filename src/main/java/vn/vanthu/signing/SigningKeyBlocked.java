package vn.vanthu.signing;

import java.time.Instant;

/** Published when wrong PINs block a leader's key, so that the owner is told (by email). */
public record SigningKeyBlocked(String userId, int failures, Instant until) {
}
