package vn.vanthu.directory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Whether an email address is a unit's in the address book: an email to a unit (Ban Tổ chức) is
 * addressed to the unit, not to "đồng chí" (issue 14, item 10). A free address is a person.
 */
@Component
public class RecipientKinds {

    private final JdbcTemplate jdbc;

    RecipientKinds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isUnit(String email) {
        if (email == null) {
            return false;
        }
        Integer units = jdbc.queryForObject(
                "select count(*) from address_entry where lower(email) = ? and kind = 'UNIT'",
                Integer.class,
                email.toLowerCase(java.util.Locale.ROOT));
        return units != null && units > 0;
    }
}
