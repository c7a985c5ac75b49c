package vn.vanthu.signing;

/** A wrong signing PIN was given for a leader's key (the PIN itself is never in it). */
public record SigningPinRefused(String userId, int attemptsLeft) {
}
