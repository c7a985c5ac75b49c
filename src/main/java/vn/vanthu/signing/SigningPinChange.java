package vn.vanthu.signing;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.InvalidInputException;

/**
 * A leader changes their own signing PIN (the page {@code /ma-pin-ky-so} and
 * {@code PUT /api/me/signing-pin}): the rules for a new PIN and the Vietnamese answers. The
 * current PIN counts as a signing attempt ({@link SigningPins#change}), so this is no way around
 * the block. The PINs are never logged, kept, or put into a message.
 */
@Service
public class SigningPinChange {

    /** Field names, the same in the form and the JSON. */
    public static final String CURRENT = "currentPin";

    public static final String NEW = "newPin";
    /** The form's second entry of the new PIN (the API has none: a program does not mistype). */
    public static final String REPEAT = "repeatPin";

    static final int MIN_LENGTH = 6;
    /** Far above any PIN, low enough that nobody feeds the key derivation a megabyte. */
    static final int MAX_LENGTH = 64;

    static final String IN_TOKEN = "Khóa ký số của đồng chí nằm trong thiết bị ký số (USB token/HSM). "
            + "Mã PIN của thiết bị được đổi bằng công cụ quản lý của chính thiết bị đó, không đổi được trên Văn thư.";
    static final String NO_KEY = "Tài khoản này chưa có khóa ký số dùng được; hãy liên hệ quản trị hệ thống.";
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm 'ngày' dd/MM/yyyy");

    private final SigningPins pins;
    private final SigningKeys keys;
    private final AccessPolicy access;

    public SigningPinChange(SigningPins pins, SigningKeys keys, AccessPolicy access) {
        this.pins = pins;
        this.keys = keys;
        this.access = access;
    }

    /**
     * Why the PIN cannot be changed here now (token key, blocked, no key), for the page to say
     * before it asks for any PIN; empty when it can.
     *
     * @throws vn.vanthu.system.ForbiddenException not a signer
     */
    public Optional<String> unavailable(Caller caller) {
        access.check(caller, Action.CHANGE_SIGNING_PIN);
        String user = caller.userId();
        if (keys.inToken(user)) {
            return Optional.of(IN_TOKEN);
        }
        Optional<Instant> blocked = pins.blockedUntil(user);
        if (blocked.isPresent()) {
            return Optional.of(blocked(blocked.get()));
        }
        try {
            keys.signerCertificate(user);
        } catch (NoSigningKeyException e) {
            return Optional.of(NO_KEY);
        }
        return Optional.empty();
    }

    /** The rules a new PIN must meet, by field; empty when it does. Opens no key, counts nothing. */
    public static Map<String, String> newPinErrors(String currentPin, String newPin) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (newPin == null || newPin.isEmpty()) {
            errors.put(NEW, "Cần nhập mã PIN mới.");
        } else if (newPin.length() < MIN_LENGTH) {
            errors.put(NEW, "Mã PIN mới cần ít nhất " + MIN_LENGTH + " ký tự.");
        } else if (newPin.length() > MAX_LENGTH) {
            errors.put(NEW, "Mã PIN mới dài tối đa " + MAX_LENGTH + " ký tự.");
        } else if (newPin.chars().distinct().count() == 1) {
            errors.put(NEW, "Mã PIN mới không được chỉ là một chữ số lặp lại (như 111111).");
        } else if (!newPin.strip().equals(newPin)) {
            // a space typed at either end is invisible in a password field and would lock its owner out
            errors.put(NEW, "Mã PIN mới không được bắt đầu hoặc kết thúc bằng dấu cách.");
        } else if (newPin.equals(currentPin)) {
            errors.put(NEW, "Mã PIN mới phải khác mã PIN hiện tại.");
        }
        return errors;
    }

    /**
     * Changes the caller's signing PIN.
     *
     * @throws vn.vanthu.system.ForbiddenException not a signer (403)
     * @throws ConflictException     key in a token, blocked, or no usable key (409)
     * @throws InvalidInputException field errors; a wrong current PIN is counted (400)
     */
    public void change(Caller caller, String currentPin, String newPin) {
        access.check(caller, Action.CHANGE_SIGNING_PIN);
        String user = caller.userId();
        if (keys.inToken(user)) {
            throw new ConflictException(IN_TOKEN);
        }
        Optional<Instant> blocked = pins.blockedUntil(user);
        if (blocked.isPresent()) {
            throw new ConflictException(blocked(blocked.get()));
        }
        // the new PIN's rules first: a mistyped new PIN costs no attempt of the current one
        Map<String, String> errors = new LinkedHashMap<>();
        if (currentPin == null || currentPin.isBlank()) {
            errors.put(CURRENT, "Cần nhập mã PIN ký số hiện tại.");
        }
        errors.putAll(newPinErrors(currentPin, newPin));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        try {
            pins.change(user, currentPin, newPin);
        } catch (WrongPinException e) {
            throw InvalidInputException.of(
                    CURRENT,
                    pins.blockedUntil(user)
                            .map(until -> "Mã PIN hiện tại không đúng. " + blocked(until))
                            .orElseGet(
                                    () -> "Mã PIN hiện tại không đúng (còn " + pins.attemptsLeft(user) + " lần thử)."));
        } catch (SigningPins.KeyBlockedException e) {
            throw new ConflictException(blocked(e.until()));
        } catch (NoSigningKeyException e) {
            throw new ConflictException(NO_KEY);
        } catch (IllegalStateException e) {
            if (keys.inToken(user)) { // configured as a token between the check above and now
                throw new ConflictException(IN_TOKEN);
            }
            throw e;
        }
    }

    private static String blocked(Instant until) {
        return "Khóa ký số đang tạm khóa do nhập sai mã PIN nhiều lần, đến "
                + UNTIL.format(until.atZone(OrganisationProperties.VIETNAM)) + ".";
    }
}
