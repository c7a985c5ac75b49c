package vn.vanthu.security;

import java.time.Instant;

/** Published when many wrong passwords lock an account for a while, so that its owner is told (by email). */
public record LoginLocked(String userId, Instant until) {}
