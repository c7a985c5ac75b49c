package vn.vanthu.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Fills document.search_text for documents saved before the column existed (V20), once, at
 * start-up; new versions and issues keep it current themselves.
 */
@Component
class SearchTextBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SearchTextBackfill.class);

    private final JdbcTemplate jdbc;

    SearchTextBackfill(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        record Row(long id, String number, String title, String body) {}
        var rows =
                jdbc.query("""
                select d.id, d.number, v.title, v.body from document d
                join document_version v on v.document_id = d.id and v.version_no = d.current_version
                where d.search_text is null""", (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
        for (Row row : rows) {
            jdbc.update(
                    "update document set search_text = ? where id = ? and search_text is null",
                    SearchText.of(row.number(), row.title(), row.body()),
                    row.id());
        }
        if (!rows.isEmpty()) {
            log.info("Search text filled in for {} documents", rows.size());
        }
    }
}
