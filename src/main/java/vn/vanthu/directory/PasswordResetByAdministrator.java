package vn.vanthu.directory;

/** An administrator set another person's password: they must choose their own at the next sign-in, and are emailed. */
public record PasswordResetByAdministrator(String actor, String userId) {}
