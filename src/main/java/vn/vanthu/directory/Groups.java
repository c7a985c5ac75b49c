package vn.vanthu.directory;

import java.util.Set;

/** The Camunda groups that are Văn thư's roles (DESIGN §1). */
public final class Groups {
    public static final String DRAFTERS = "drafters";
    public static final String REVIEWERS = "reviewers";
    /** A review level before the office chief's (Phó Chánh Văn phòng), in routes that draw one. */
    public static final String DEPUTY_REVIEWERS = "deputyReviewers";
    /** The committee's boards (các ban tham mưu), consulted on drafts in routes that ask them. */
    public static final String BOARDS = "boards";

    public static final String SIGNERS = "signers";
    public static final String CLERKS = "clerks";
    /** Camunda's own administrators' group (webapps, REST). */
    public static final String ADMINS = "camunda-admin";

    /**
     * Monitoring accounts (a Prometheus scraper): may read /actuator/prometheus and nothing else; not
     * staff. Nobody is in it unless an administrator puts an account there (docs/monitoring.md).
     */
    public static final String MONITORING = "monitoring";

    /** Everyone who works in the office and may read internal documents. */
    public static final Set<String> STAFF =
            Set.of(DRAFTERS, DEPUTY_REVIEWERS, REVIEWERS, SIGNERS, CLERKS, BOARDS, ADMINS);

    private Groups() {}
}
