package vn.vanthu.numbering;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.config.OrganisationProperties.NumberingScope;

/**
 * Gives an issued document its number: no gaps, no duplicates, also across app nodes sharing one
 * database. The counter row of (type, scope) is locked with SELECT … FOR UPDATE inside the issuing
 * transaction, so a number is only taken if the whole issue commits, and a concurrent issuer of
 * the same type waits for the commit.
 * <p>
 * Within one JVM the issuers of one counter also pass one at a time through a gate held until
 * their transaction ends: H2 (2.3.232, the embedded default; 2.5.252 too) lets two transactions
 * waiting on a row lock both go on when the holder rolls back, and both then read the same last
 * number — duplicates, seen in {@code ConcurrentNumberingTest} (h2database#4208 is a related
 * report of lost updates under SELECT … FOR UPDATE). With the gate no two transactions of this
 * node wait on the row at once; across nodes (PostgreSQL) the row lock does the work.
 */
@Service
public class NumberAllocator {

    /** As long as H2's LOCK_TIMEOUT in the embedded default's URL. */
    private static final long GATE_TIMEOUT_SECONDS = 30;

    private final JdbcTemplate jdbc;
    private final OrganisationProperties settings;
    private final TransactionTemplate newTransaction;
    private final Map<String, Semaphore> gates = new ConcurrentHashMap<>();

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
        Integer last = jdbc
                .query(
                        "select last_number from number_counter where doc_type = ? and scope_key = ?",
                        (rs, i) -> rs.getInt(1),
                        type,
                        scope)
                .stream()
                .findFirst()
                .orElse(0);
        return new DocumentNumber(type, scope, last + 1, settings.organisation().abbreviation());
    }

    /** Takes the next number; the lock is held, and the number kept, until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public DocumentNumber allocate(String type, LocalDate issueDay) {
        String scope = scopeKey(type, issueDay);
        ensureCounter(type, scope);
        enterGate(type + "/" + scope);
        int last = jdbc.queryForObject(
                "select last_number from number_counter where doc_type = ? and scope_key = ? for update",
                Integer.class,
                type,
                scope);
        int next = last + 1;
        jdbc.update(
                "update number_counter set last_number = ? where doc_type = ? and scope_key = ?", next, type, scope);
        return new DocumentNumber(type, scope, next, settings.organisation().abbreviation());
    }

    /** Waits (at most as long as a database lock would) for this node's other issuers of the counter. */
    private void enterGate(String counter) {
        List<Semaphore> held = gatesOfThisTransaction();
        Semaphore gate = gates.computeIfAbsent(counter, key -> new Semaphore(1, true));
        if (held.contains(gate)) {
            return; // a second number of the same counter in one transaction
        }
        boolean entered;
        try {
            entered = gate.tryAcquire(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entered = false;
        }
        if (!entered) {
            throw new CannotAcquireLockException(
                    "Số văn bản " + counter + " đang được cấp cho văn bản khác; thử lại sau.");
        }
        held.add(gate);
    }

    /** The gates this transaction holds, released when it commits or rolls back. */
    @SuppressWarnings("unchecked")
    private List<Semaphore> gatesOfThisTransaction() {
        Object bound = TransactionSynchronizationManager.getResource(this);
        if (bound != null) {
            return (List<Semaphore>) bound;
        }
        List<Semaphore> held = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(this, held);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(NumberAllocator.this);
                held.forEach(Semaphore::release);
            }
        });
        return held;
    }

    /** The counter row is created in its own short transaction so that two first issuers don't collide. */
    private void ensureCounter(String type, String scope) {
        Integer exists = jdbc.queryForObject(
                "select count(*) from number_counter where doc_type = ? and scope_key = ?", Integer.class, type, scope);
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
