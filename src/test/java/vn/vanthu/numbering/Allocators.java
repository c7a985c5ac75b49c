package vn.vanthu.numbering;

import java.time.LocalDate;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.config.OrganisationProperties.DocumentTypeSettings;
import vn.vanthu.config.OrganisationProperties.NumberingScope;
import vn.vanthu.config.OrganisationProperties.Organisation;

/**
 * A {@link NumberAllocator} outside a Spring context, on a database the test names: as each node of
 * a cluster has one (ClusterTest takes numbers on the cluster's PostgreSQL with two of them).
 */
public final class Allocators {

    private Allocators() {}

    /** Giấy mời ("GM"), numbered per year, as application.yaml configures it. */
    public static NumberAllocator on(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        OrganisationProperties settings = new OrganisationProperties(
                new Organisation(null, "Đảng ủy Khối", "ĐUK", null, LocalDate.of(2025, 10, 1), null),
                Map.of("GM", new DocumentTypeSettings("GIẤY MỜI", NumberingScope.YEAR, null, true, null)));
        return new NumberAllocator(jdbc, settings, transactions);
    }
}
