package vn.vanthu.agent;

import java.io.IOException;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.login.LoginException;

/**
 * The leader's token through the JDK's SunPKCS11 provider. Each use logs in with the PIN just typed
 * and logs out after, so that the token is never left open between two signatures. The provider is
 * not registered in {@link Security}: signatures are asked of it by object.
 */
class Token {

    /** A certificate with a private key in the token. */
    record Entry(String alias, List<X509Certificate> chain) {}

    static class NoTokenException extends Exception {
        NoTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static class WrongPinException extends Exception {
        final boolean locked;

        WrongPinException(boolean locked) {
            super(locked ? "PIN locked" : "PIN incorrect");
            this.locked = locked;
        }
    }

    static class UnknownCertificateException extends Exception {
        UnknownCertificateException(String alias) {
            super(alias);
        }
    }

    static class AlgorithmMismatchException extends Exception {
        AlgorithmMismatchException(String message) {
            super(message);
        }
    }

    private final String library;
    private final Integer slot;
    private Provider provider;

    /** {@code slot}: slot list index, {@code null} for the first slot with a token. */
    Token(String library, Integer slot) {
        this.library = library;
        this.slot = slot;
    }

    /** Whether a token can be reached now (without its PIN). */
    synchronized boolean present() {
        try {
            provider();
            return true;
        } catch (NoTokenException e) {
            return false;
        }
    }

    /** The key entries, read with the PIN (SunPKCS11's KeyStore logs in before it lists anything). */
    synchronized List<Entry> entries(char[] pin) throws NoTokenException, WrongPinException {
        AuthProvider p = provider();
        try {
            return entries(open(p, pin));
        } finally {
            logout(p);
        }
    }

    /**
     * Signs each of {@code data} with the key {@code alias} after one login with {@code pin}; all or
     * nothing. Also returns the entries read while logged in, so that the agent can refresh its list.
     */
    synchronized List<byte[]> sign(
            String alias, String algorithm, List<byte[]> data, char[] pin, List<Entry> entriesOut)
            throws NoTokenException, WrongPinException, UnknownCertificateException, AlgorithmMismatchException {
        AuthProvider p = provider();
        try {
            KeyStore ks = open(p, pin);
            entriesOut.addAll(entries(ks));
            PrivateKey key;
            try {
                key = ks.isKeyEntry(alias) && ks.getKey(alias, null) instanceof PrivateKey k ? k : null;
            } catch (GeneralSecurityException e) {
                key = null;
            }
            if (key == null) {
                throw new UnknownCertificateException(alias);
            }
            String keyType = algorithm.endsWith("ECDSA") ? "EC" : "RSA";
            if (!keyType.equals(key.getAlgorithm())) {
                throw new AlgorithmMismatchException(
                        "Khóa " + alias + " là khóa " + key.getAlgorithm() + ", không ký được " + algorithm + ".");
            }
            List<byte[]> values = new ArrayList<>();
            for (byte[] d : data) {
                Signature signature = Signature.getInstance(algorithm, p);
                signature.initSign(key);
                signature.update(d);
                values.add(signature.sign());
            }
            return values;
        } catch (GeneralSecurityException | ProviderException e) {
            forget();
            throw new NoTokenException("PKCS#11: " + e.getMessage(), e);
        } finally {
            logout(p);
        }
    }

    private static KeyStore open(AuthProvider p, char[] pin) throws NoTokenException, WrongPinException {
        if (pin == null || pin.length == 0) {
            throw new WrongPinException(false);
        }
        try {
            // a token stays logged in once opened: log out first, so that this PIN is the one checked
            p.logout();
            KeyStore ks = KeyStore.getInstance("PKCS11", p);
            ks.load(null, pin);
            return ks;
        } catch (IOException e) {
            WrongPinException wrong = wrongPin(e);
            if (wrong != null) {
                throw wrong;
            }
            throw new NoTokenException("PKCS#11: " + e.getMessage(), e);
        } catch (GeneralSecurityException | ProviderException e) {
            throw new NoTokenException("PKCS#11: " + e.getMessage(), e);
        }
    }

    private static List<Entry> entries(KeyStore ks) throws NoTokenException {
        try {
            List<Entry> entries = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                Certificate[] chain = ks.isKeyEntry(alias) ? ks.getCertificateChain(alias) : null;
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                    continue; // a key without certificate cannot be used for a document signature
                }
                List<X509Certificate> x509 = new ArrayList<>();
                for (Certificate c : chain) {
                    x509.add((X509Certificate) c);
                }
                entries.add(new Entry(alias, List.copyOf(x509)));
            }
            entries.sort((a, b) -> a.alias().compareTo(b.alias()));
            return entries;
        } catch (GeneralSecurityException e) {
            throw new NoTokenException("PKCS#11: " + e.getMessage(), e);
        }
    }

    private static void logout(AuthProvider p) {
        try {
            p.logout();
        } catch (LoginException | ProviderException e) {
            // the token was pulled out: nothing left logged in
        }
    }

    /** CKR_PIN_INCORRECT / CKR_PIN_LEN_RANGE (wrong) and CKR_PIN_LOCKED (the token's own lockout). */
    private static WrongPinException wrongPin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("CKR_PIN_LOCKED")) {
                return new WrongPinException(true);
            }
            if (message.contains("CKR_PIN_INCORRECT")
                    || message.contains("CKR_PIN_LEN_RANGE")
                    || t instanceof javax.security.auth.login.FailedLoginException) {
                return new WrongPinException(false);
            }
        }
        return null;
    }

    private void forget() {
        provider = null;
    }

    private AuthProvider provider() throws NoTokenException {
        if (provider != null && provider.getService("KeyStore", "PKCS11") != null) {
            return (AuthProvider) provider;
        }
        provider = null;
        if (slot != null) {
            Provider p = configure(slot);
            if (p == null || p.getService("KeyStore", "PKCS11") == null) {
                throw new NoTokenException("no token in slot list index " + slot, null);
            }
            provider = p;
        } else {
            // the first slot with a token present (SunPKCS11 offers a KeyStore only then)
            for (int i = 0; i < 16 && provider == null; i++) {
                Provider p = configure(i);
                if (p == null) {
                    break;
                }
                if (p.getService("KeyStore", "PKCS11") != null) {
                    provider = p;
                }
            }
            if (provider == null) {
                throw new NoTokenException("no slot with a token", null);
            }
        }
        return (AuthProvider) provider;
    }

    /** A provider for slot list index {@code index}; {@code null} when there is no such slot or no library. */
    private Provider configure(int index) {
        try {
            // SunPKCS11 reads its configuration inline when the argument starts with "--"
            return Security.getProvider("SunPKCS11")
                    .configure("--name = vanthu-agent-" + index + "\nlibrary = " + library + "\nslotListIndex = "
                            + index + "\n");
        } catch (ProviderException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The CN of a certificate's subject, or {@code null}. */
    static String commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
