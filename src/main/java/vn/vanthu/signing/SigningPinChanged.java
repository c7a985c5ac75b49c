package vn.vanthu.signing;

import java.time.Instant;

/** Published when a leader's signing PIN was changed, so that the owner is told (by email). Carries no PIN. */
public record SigningPinChanged(String userId, Instant at) {
}
