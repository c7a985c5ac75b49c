package vn.vanthu.directory;

/**
 * A leader who signs: user id, full name as printed, position as printed under "T/M BAN THƯỜNG VỤ".
 */
public record Signer(String userId, String fullName, String position, String email) {}
