package vn.vanthu.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Opens a leader's key with the PIN given now, counting wrong PINs: after {@code max-attempts} in
 * a row the key is blocked for {@code block} and its owner is told by email
 * ({@link SigningKeyBlocked}). The PIN is never logged or kept.
 *
 * <p>The count lives in this node's memory: a guesser spreading tries over N nodes gets N × 5 tries
 * per block period, still far too few against a PIN of 4+ characters, and a restart clears it.
 */
@Component
@EnableConfigurationProperties(SigningPins.Settings.class)
public class SigningPins {

    /** {@code vanthu.signing.pin.*}. */
    @ConfigurationProperties("vanthu.signing.pin")
    public record Settings(Integer maxAttempts, Duration block) {
        public Settings {
            maxAttempts = maxAttempts == null ? 5 : maxAttempts;
            block = block == null ? Duration.ofMinutes(15) : block;
            if (maxAttempts < 1 || block.isNegative()) {
                throw new IllegalArgumentException("vanthu.signing.pin: max-attempts ≥ 1 and a positive block");
            }
        }
    }

    /** The key is blocked after too many wrong PINs; {@code until} in UTC. */
    public static class KeyBlockedException extends RuntimeException {
        private final Instant until;

        KeyBlockedException(String userId, Instant until) {
            super("Signing key of " + userId + " blocked until " + until);
            this.until = until;
        }

        public Instant until() {
            return until;
        }
    }

    private record State(int failures, Instant blockedUntil) {}

    private static final Logger log = LoggerFactory.getLogger(SigningPins.class);

    private final SigningKeys keys;
    private final Settings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public SigningPins(SigningKeys keys, Settings settings, Clock clock, ApplicationEventPublisher events) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
    }

    /**
     * The leader's key opened with {@code pin}.
     *
     * @throws WrongPinException     wrong PIN (counted)
     * @throws KeyBlockedException   too many wrong PINs lately
     * @throws NoSigningKeyException no usable key
     */
    public SigningIdentity open(String userId, String pin) {
        String key = userId.toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        State state = states.get(key);
        if (state != null && state.blockedUntil() != null && now.isBefore(state.blockedUntil())) {
            throw new KeyBlockedException(userId, state.blockedUntil());
        }
        try {
            SigningIdentity id = keys.signer(userId, pin == null ? null : pin.toCharArray());
            states.remove(key);
            return id;
        } catch (WrongPinException wrong) {
            State next = states.compute(key, (k, s) -> {
                int failures = (s == null || s.blockedUntil() != null ? 0 : s.failures()) + 1;
                return failures >= settings.maxAttempts()
                        ? new State(failures, now.plus(settings.block()))
                        : new State(failures, null);
            });
            events.publishEvent(new SigningPinRefused(
                    userId, next.blockedUntil() != null ? 0 : Math.max(0, settings.maxAttempts() - next.failures())));
            if (next.blockedUntil() != null) {
                log.warn(
                        "Signing key of {} blocked until {} after {} wrong PINs",
                        userId,
                        next.blockedUntil(),
                        next.failures());
                events.publishEvent(new SigningKeyBlocked(userId, next.failures(), next.blockedUntil()));
            }
            throw wrong;
        }
    }

    /** Wrong PINs left before the key blocks: none while it is blocked, all once the block is over. */
    public int attemptsLeft(String userId) {
        State state = states.get(userId.toLowerCase(java.util.Locale.ROOT));
        if (state != null && state.blockedUntil() != null) {
            return clock.instant().isBefore(state.blockedUntil()) ? 0 : settings.maxAttempts();
        }
        return state == null ? settings.maxAttempts() : Math.max(0, settings.maxAttempts() - state.failures());
    }

    /** Until when the key is blocked, if it is now. */
    public java.util.Optional<Instant> blockedUntil(String userId) {
        State state = states.get(userId.toLowerCase(java.util.Locale.ROOT));
        return state == null || state.blockedUntil() == null || !clock.instant().isBefore(state.blockedUntil())
                ? java.util.Optional.empty()
                : java.util.Optional.of(state.blockedUntil());
    }

    /**
     * Changes the PIN; the old one counts like a signing attempt. Publishes {@link SigningPinChanged}
     * so that the owner is told.
     *
     * @throws IllegalStateException the key is in a PKCS#11 token (checked before the PIN, so that
     *                               the token is not asked and nothing is counted)
     */
    public void change(String userId, String oldPin, String newPin) {
        if (keys.inToken(userId)) {
            throw new IllegalStateException("A token's PIN is changed with the token's own tool");
        }
        open(userId, oldPin);
        keys.changePin(userId, oldPin.toCharArray(), newPin.toCharArray());
        log.info("Signing PIN of {} changed", userId);
        events.publishEvent(new SigningPinChanged(userId, clock.instant()));
    }
}
