package vn.vanthu.operations;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the application's connections run with JIT compilation off ({@code options=-c
 * jit=off}). The register's query is estimated above {@code jit_above_cost} at 100,000 documents
 * and PostgreSQL compiled it on every call, which cost more than the few milliseconds the query
 * takes (docs/benchmarks.md, "Scale"); Văn thư's queries are all of that short kind. An
 * {@code options} of the operator's own, in the JDBC URL or in
 * {@code spring.datasource.hikari.data-source-properties}, is left as it is.
 */
@Component
class PostgresSessionOptions implements BeanPostProcessor {

    static final String OPTIONS = "-c jit=off";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            apply(pool);
        }
        return bean;
    }

    static void apply(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        if (url != null
                && url.startsWith("jdbc:postgresql:")
                && !url.contains("options=")
                && pool.getDataSourceProperties().getProperty("options") == null) {
            pool.addDataSourceProperty("options", OPTIONS);
        }
    }
}
