package vn.vanthu.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing without letting anyone lock a leader out: it throttles the pair
 * (account, client address), not the person.
 * <ul>
 * <li>per (account, client address): after {@code pairMaxFailures} failures in the window, that pair is
 * refused for {@code firstDelay}, doubling with each further failure, never longer than {@code maxDelay}.
 * The owner signing in from another address is not affected.</li>
 * <li>per account: {@code accountMaxFailures} failures in the window from at least
 * {@code accountMinAddresses} addresses (a guess spread over many machines) put the account under
 * attack for {@code maxDelay}: every address that has failed for it in the window is refused until
 * then, and each further address gets one wrong password before it is refused too. An address with no
 * failures, the owner's, is never refused. The block lifts by itself, is logged, recorded in the security
 * trail and the owner is told by email.</li>
 * </ul>
 * Camunda's own lock (permanent after loginMaxAttempts) is switched off in application.yaml: it is what
 * let anyone knowing a user name lock that user out for good.
 * <p>
 * The state is in memory, per node, on purpose: a restart forgets it (an attacker cannot restart the
 * server), and in a cluster each node counts on its own, so a guesser gets at most the nodes' number
 * times the budget, still a handful of guesses per minute. Keeping it in the database would add a
 * write to every failed login, which is what a flood of failed logins would then hammer. Both maps are
 * bounded by {@code maxTracked}.
 */
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    /** At most one lock email per account this often, so that an attacker cannot flood the owner's inbox. */
    private static final Duration MAIL_EVERY = Duration.ofHours(1);

    /** Told when an account comes under attack (to email its owner) and when any block starts (for the trail). */
    public interface LockNotifier {
        void locked(String userId, Instant until);

        /** A pair ({@code accountWide} false) or the account's failing addresses are refused until then. */
        default void blocked(String userId, String address, Instant until, boolean accountWide) {}
    }

    private record Pair(String user, String address) {}

    /** Failure times within the window and the refusal in force; guarded by its own monitor. */
    private static final class Failures {
        final ArrayDeque<Instant> times = new ArrayDeque<>();
        /** For an account: the address of each failure in {@link #times}, to count distinct addresses. */
        final ArrayDeque<String> addresses = new ArrayDeque<>();

        Instant refusedUntil = Instant.MIN;
        Instant mailed = Instant.MIN;

        void prune(Instant since) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.removeFirst();
                if (!addresses.isEmpty()) {
                    addresses.removeFirst();
                }
            }
        }

        boolean idle(Instant now, Instant since) {
            return !refusedUntil.isAfter(now)
                    && (times.isEmpty() || !times.peekLast().isAfter(since));
        }
    }

    private final SecuritySettings.Login settings;
    private final LockNotifier notifier;
    private final Map<Pair, Failures> pairs = new ConcurrentHashMap<>();
    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private volatile Clock clock;

    LoginThrottle(SecuritySettings.Login settings, Clock clock, LockNotifier notifier) {
        this.settings = settings;
        this.clock = clock;
        this.notifier = notifier;
    }

    /** Tests move time with their own clock; returns the one in use before. */
    Clock useClock(Clock newClock) {
        Clock old = clock;
        clock = newClock;
        return old;
    }

    /** Entries in memory, accounts and pairs (for tests of the bound). */
    int tracked() {
        return pairs.size() + accounts.size();
    }

    /** How long this account may not try again from this address, or empty when it may try now. */
    Optional<Duration> refusal(String user, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(settings.window());
        Instant until = Instant.MIN;
        boolean failedFromHere = false;
        Failures pair = pairs.get(new Pair(key(user), address));
        if (pair != null) {
            synchronized (pair) {
                until = pair.refusedUntil;
                pair.prune(since);
                failedFromHere = !pair.times.isEmpty();
            }
        }
        Failures account = accounts.get(key(user));
        if (account != null && failedFromHere) {
            // an account under attack refuses only the addresses that guessed wrong: never the owner's
            synchronized (account) {
                until = until.isAfter(account.refusedUntil) ? until : account.refusedUntil;
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** A wrong password was given for this account from this address. */
    void failed(String user, String address) {
        Instant now = clock.instant();
        Instant since = now.minus(settings.window());
        Failures pair = track(pairs, new Pair(key(user), address), now, since);
        Instant pairBlocked = null;
        synchronized (pair) {
            pair.prune(since);
            pair.times.addLast(now);
            int over = pair.times.size() - settings.pairMaxFailures();
            if (over >= 0) {
                if (!pair.refusedUntil.isAfter(now)) {
                    pairBlocked = now.plus(delay(over));
                }
                pair.refusedUntil = now.plus(delay(over));
            }
        }
        if (pairBlocked != null) {
            notifier.blocked(user, address, pairBlocked, false);
        }
        Failures account = track(accounts, key(user), now, since);
        boolean mail = false;
        Instant until;
        synchronized (account) {
            account.prune(since);
            account.times.addLast(now);
            account.addresses.addLast(address == null ? "" : address);
            while (account.times.size() > settings.accountMaxFailures()) {
                account.times.removeFirst(); // bounded: only the newest count
                account.addresses.removeFirst();
            }
            if (account.times.size() < settings.accountMaxFailures()
                    || new java.util.HashSet<>(account.addresses).size() < settings.accountMinAddresses()) {
                return;
            }
            // a fresh count after each block: the next one needs as many failures again
            account.times.clear();
            account.addresses.clear();
            until = now.plus(settings.maxDelay());
            account.refusedUntil = until;
            if (!account.mailed.isAfter(now.minus(MAIL_EVERY))) {
                account.mailed = now;
                mail = true;
            }
        }
        log.warn(
                "Login of {} under attack until {}: {} wrong passwords from {}+ addresses within {} (last from {});"
                        + " addresses without failures still sign in",
                user,
                until,
                settings.accountMaxFailures(),
                settings.accountMinAddresses(),
                settings.window(),
                address);
        notifier.blocked(user, address, until, true);
        if (mail) {
            notifier.locked(user, until);
        }
    }

    /** The right password: this address's failures for the account are forgotten. */
    void succeeded(String user, String address) {
        pairs.remove(new Pair(key(user), address));
    }

    /** An administrator lifts every lock and throttle of this account; true if there was any. */
    boolean lift(String user) {
        String key = key(user);
        boolean any = accounts.remove(key) != null;
        any |= pairs.keySet().removeIf(pair -> pair.user().equals(key));
        log.info("Login locks of {} lifted", user);
        return any;
    }

    /** The client's address: the socket's peer, or the X-Forwarded-For entry a trusted proxy added. */
    String clientAddress(HttpServletRequest request) {
        return ClientAddress.of(request, settings.trustedProxies());
    }

    private Duration delay(int failuresOver) {
        Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(failuresOver, 20));
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /**
     * The entry for this key, made room for: idle entries go first, then any not refused now. A flood of
     * made-up names can thus wipe counts below the thresholds, but never a refusal in force.
     */
    private <K> Failures track(Map<K, Failures> map, K key, Instant now, Instant since) {
        Failures existing = map.get(key);
        if (existing != null) {
            return existing;
        }
        if (map.size() >= settings.maxTracked()) {
            evict(map, f -> f.idle(now, since));
        }
        if (map.size() >= settings.maxTracked()) {
            evict(map, f -> !f.refusedUntil.isAfter(now));
        }
        if (map.size() >= settings.maxTracked()) {
            return new Failures(); // full of refusals in force: count this one nowhere rather than grow
        }
        return map.computeIfAbsent(key, k -> new Failures());
    }

    private static <K> void evict(Map<K, Failures> map, java.util.function.Predicate<Failures> evictable) {
        for (Iterator<Failures> it = map.values().iterator(); it.hasNext(); ) {
            Failures f = it.next();
            synchronized (f) {
                if (evictable.test(f)) {
                    it.remove();
                }
            }
        }
    }

    /** Account keys ignore case, so that "BiThu" is not a fresh budget against a case-blind directory. */
    private static String key(String user) {
        return user == null ? "" : user.trim().toLowerCase(Locale.ROOT);
    }
}
