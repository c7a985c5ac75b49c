package vn.vanthu.directory;

import java.util.List;

/**
 * An administrator changed who signs or reviews: membership in signers, reviewers or deputyReviewers.
 * Published by {@link StaffAccounts} so that the person and the other administrators are emailed.
 */
public record StaffRolesChanged(String actor, String userId, List<String> before, List<String> after) {}
