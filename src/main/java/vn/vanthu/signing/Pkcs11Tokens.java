package vn.vanthu.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys in a PKCS#11 token or HSM, through the JDK's SunPKCS11 provider: the production home of the
 * organisation's seal, and of a leader's key where the office keeps it in an HSM slot of the
 * leader's own (opened with the leader's PIN). The private key never leaves the token: DSS's
 * data-to-sign goes in through JCA, the signature value comes out. Tested with Debian's softhsm2.
 */
final class Pkcs11Tokens {

    /**
     * One provider per library and slot, for the whole JVM: SunPKCS11 binds a provider instance to
     * one token, and JCA finds a token key's signer among the installed providers, by name.
     */
    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private final String library;

    Pkcs11Tokens(String library) {
        this.library = library;
    }

    /**
     * The key entry {@code alias} of the token in slot list index {@code slot}, logged in with {@code pin};
     * {@code fresh}: log out first, so that the PIN is checked now (a leader's token).
     *
     * @throws WrongPinException     the token refused the PIN
     * @throws NoSigningKeyException no such key, or the token cannot be reached
     */
    SigningIdentity open(int slot, String alias, char[] pin, boolean fresh) {
        if (pin == null || pin.length == 0) {
            throw new WrongPinException(alias);
        }
        KeyStore ks;
        try {
            Provider provider = provider(slot);
            if (fresh && provider instanceof java.security.AuthProvider auth) {
                // a token stays logged in once opened: a leader's PIN must be checked at every signature
                auth.logout();
            }
            ks = KeyStore.getInstance("PKCS11", provider);
            ks.load(null, pin);
        } catch (IOException e) {
            if (incorrectPin(e)) {
                throw new WrongPinException(alias);
            }
            throw new NoSigningKeyException(alias, "PKCS#11 token in slot " + slot + ": " + e.getMessage());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new NoSigningKeyException(alias, "PKCS#11 token in slot " + slot + ": " + e.getMessage());
        }
        try {
            if (!(ks.getKey(alias, null) instanceof PrivateKey key)) {
                throw new NoSigningKeyException(alias, "no key '" + alias + "' in the PKCS#11 token in slot " + slot);
            }
            Certificate[] chain = ks.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new NoSigningKeyException(alias, "key without certificate in the PKCS#11 token");
            }
            List<X509Certificate> x509 =
                    Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
            String cn = SigningKeys.commonName(x509.get(0));
            return new SigningIdentity(alias, cn == null ? alias : cn, key, x509);
        } catch (GeneralSecurityException e) {
            throw new NoSigningKeyException(alias, "PKCS#11: " + e.getMessage());
        }
    }

    /** The token's KeyStore, for set-up tools and tests (import a key and its chain). */
    KeyStore keyStore(int slot, char[] pin) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS11", provider(slot));
        ks.load(null, pin);
        return ks;
    }

    private Provider provider(int slot) {
        return PROVIDERS.computeIfAbsent(library + "#" + slot, key -> {
            // SunPKCS11 reads its configuration inline when the argument starts with "--"
            String config = "--name = vanthu-slot" + slot + "-" + Integer.toHexString(library.hashCode())
                    + "\nlibrary = " + library + "\nslotListIndex = " + slot + "\n";
            Provider provider = Security.getProvider("SunPKCS11").configure(config);
            Security.addProvider(provider);
            return provider;
        });
    }

    /** CKR_PIN_INCORRECT / CKR_PIN_LEN_RANGE, as SunPKCS11 reports them inside the load's IOException. */
    private static boolean incorrectPin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("CKR_PIN_INCORRECT")
                    || message.contains("CKR_PIN_LEN_RANGE")
                    || t instanceof javax.security.auth.login.FailedLoginException) {
                return true;
            }
        }
        return false;
    }
}
