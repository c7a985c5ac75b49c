package vn.vanthu.numbering;

import java.time.LocalDate;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.config.OrganisationProperties.NumberingScope;

/**
 * Gives an issued document its number: no gaps, no duplicates, also across app nodes sharing one
 * database. The counter row of (type, scope) is locked with SELECT … FOR UPDATE inside the issuing
 * transaction, so a number is only taken if the whole issue commits, and a concurrent issuer of
 * the same type waits for the commit.
 */
@Service
public class NumberAllocator {

    private final JdbcTemplate jdbc;
    private final OrganisationProperties settings;
    private final TransactionTemplate newTransaction;

    NumberAllocator(JdbcTemplate jdbc, OrganisationProperties settings, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** The scope a document issued on this day belongs to: the year, or the current term. */
    public String scopeKey(String type, LocalDate issueDay) {
        NumberingScope scope = settings.type(type).scope();
        if (scope == NumberingScope.YEAR) {
            return String.valueOf(issueDay.getYear());
        }
        return termScope(settings.organisation().termStart());
    }

    /** The scope key of the term that starts on this day ("T2025-10-01"). */
    public static String termScope(LocalDate termStart) {
        return "T" + termStart;
    }

    /** The number the next issue would most likely get; takes no lock, reserves nothing. */
    public DocumentNumber peek(String type, LocalDate issueDay) {
        String scope = scopeKey(type, issueDay);
        Integer last = jdbc.query("select last_number from number_counter where doc_type = ? and scope_key = ?",
                (rs, i) -> rs.getInt(1), type, scope).stream().findFirst().orElse(0);
        return new DocumentNumber(type, scope, last + 1, settings.organisation().abbreviation());
    }

    /** Takes the next number; the lock is held, and the number kept, until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public DocumentNumber allocate(String type, LocalDate issueDay) {
        String scope = scopeKey(type, issueDay);
        ensureCounter(type, scope);
        int last = jdbc.queryForObject(
                "select last_number from number_counter where doc_type = ? and scope_key = ? for update",
                Integer.class, type, scope);
        int next = last + 1;
        jdbc.update("update number_counter set last_number = ? where doc_type = ? and scope_key = ?", next, type, scope);
        return new DocumentNumber(type, scope, next, settings.organisation().abbreviation());
    }

    /** The counter row is created in its own short transaction so that two first issuers don't collide. */
    private void ensureCounter(String type, String scope) {
        Integer exists = jdbc.queryForObject("select count(*) from number_counter where doc_type = ? and scope_key = ?",
                Integer.class, type, scope);
        if (exists != null && exists > 0) {
            return;
        }
        try {
            newTransaction.executeWithoutResult(status -> jdbc.update(
                    "insert into number_counter (doc_type, scope_key, last_number) values (?, ?, 0)", type, scope));
        } catch (DuplicateKeyException alreadyCreated) {
            // another node created it first: fine
        }
    }
}
