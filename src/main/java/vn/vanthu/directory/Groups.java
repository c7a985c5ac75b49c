package vn.vanthu.directory;

import java.util.Set;

/** The Camunda groups that are Văn thư's roles (DESIGN §1). */
public final class Groups {
    public static final String DRAFTERS = "drafters";
    public static final String REVIEWERS = "reviewers";
    public static final String SIGNERS = "signers";
    public static final String CLERKS = "clerks";
    /** Camunda's own administrators' group (webapps, REST). */
    public static final String ADMINS = "camunda-admin";

    /** Everyone who works in the office and may read internal documents. */
    public static final Set<String> STAFF = Set.of(DRAFTERS, REVIEWERS, SIGNERS, CLERKS, ADMINS);

    private Groups() {
    }
}
