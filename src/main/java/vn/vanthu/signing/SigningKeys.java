package vn.vanthu.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import vn.vanthu.config.InstallationProperties;

/**
 * The signing keys of users and of the organisation, from a PKCS#12 file.
 *
 * <p>Production mode ({@code vanthu.signing.keystore} set): the configured PKCS#12 is loaded at start-up;
 * a user's key is the entry whose alias is the user id (PKCS#12 aliases are case-insensitive), the seal is the
 * entry {@code vanthu.signing.organisation-alias}. Trust anchors are the keystore's trusted-certificate entries
 * plus the top certificate of each key entry's chain.
 *
 * <p>Demo mode (no keystore): a {@link DemoCertificateAuthority} makes the keys on demand under
 * {@code {vanthu.shared-dir}/keys}; they prove nothing about anyone.
 *
 * <p>Thread-safe.
 */
@Component
@EnableConfigurationProperties({SigningProperties.class, RemoteSigningProperties.class, InstallationProperties.class})
public class SigningKeys {

    /** Protects nothing: the demo keystore's password, written here on purpose. */
    public static final String DEMO_KEYSTORE_PASSWORD = "demo-only-not-secret";

    public static final String DEMO_CA_NAME = "Văn thư Demo CA";
    /** Every demo leader's signing PIN. */
    public static final String DEMO_PIN = "demo";

    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final String DEMO_KEYSTORE_FILE = "keys/demo-keys.p12";
    /** Bouncy Castle, made on first use: setting it up is a few hundred ms nobody needs at start-up. */
    static Provider bc() {
        return BouncyCastle.PROVIDER;
    }

    private static final class BouncyCastle {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }

    private static final String DEFAULT_ORGANISATION_NAME = "Văn thư (demo)";

    private final SigningProperties props;
    private final boolean demo;
    private final Path file;
    private final Path signerDir;
    private final char[] password;
    private final Object lock = new Object();
    private final Map<String, SigningIdentity> cache = new ConcurrentHashMap<>();
    private final Pkcs11Tokens tokens;
    /** Production: the configured keystore; demo mode: null, the demo CA's keystore is read instead. */
    private final KeyStore store;
    /** Demo mode: makes the keys; null in production. */
    private final DemoCertificateAuthority demoCa;
    /** Leaders whose key is held by a remote signing service: only their certificate is here. */
    private final RemoteSigningProperties remote;

    /** Outside Spring (tests, tools): keys in this data folder. */
    public SigningKeys(SigningProperties props, Path dataDir) {
        this(props, null, dataDir);
    }

    /** Demo keys under the folder all nodes share ({@code vanthu.shared-dir}). */
    @org.springframework.beans.factory.annotation.Autowired
    public SigningKeys(SigningProperties props, RemoteSigningProperties remote, InstallationProperties installation) {
        this(props, remote, installation.sharedDir());
    }

    /** @param dataDir the folder holding {@code keys/} in demo mode */
    public SigningKeys(SigningProperties props, RemoteSigningProperties remote, Path dataDir) {
        this.remote = remote;
        this.props = props == null ? SigningProperties.demo() : props;
        this.demo = this.props.demoMode();
        this.tokens = this.props.pkcs11() != null && this.props.pkcs11().configured()
                ? new Pkcs11Tokens(this.props.pkcs11().library())
                : null;
        if (demo) {
            this.file = dataDir.resolve(DEMO_KEYSTORE_FILE);
            this.signerDir = dataDir.resolve("keys/signers");
            this.password = DEMO_KEYSTORE_PASSWORD.toCharArray();
            this.store = null;
            this.demoCa = new DemoCertificateAuthority(this, file, password, lock, cache::remove);
        } else {
            this.demoCa = null;
            this.password = this.props.keystorePassword() == null
                    ? new char[0]
                    : this.props.keystorePassword().toCharArray();
            if (blank(this.props.keystore())) { // every key in PKCS#11 tokens
                this.file = null;
                if (blank(this.props.signerKeys())) {
                    throw new IllegalStateException(
                            "vanthu.signing.signer-keys: the folder of the leaders' certificates");
                }
                this.signerDir = Path.of(this.props.signerKeys());
                this.store = KeyStoreFiles.empty();
            } else {
                this.file = Path.of(this.props.keystore());
                this.signerDir = blank(this.props.signerKeys())
                        ? file.resolveSibling("signers")
                        : Path.of(this.props.signerKeys());
                this.store = KeyStoreFiles.load(file, password); // fail at start-up, not at the first signature
            }
        }
    }

    /** Demo-mode keys kept under {@code dataDir}, e.g. for tests. */
    public static SigningKeys demo(Path dataDir) {
        return new SigningKeys(SigningProperties.demo(), dataDir);
    }

    public boolean demoMode() {
        return demo;
    }

    public String organisationAlias() {
        return props.organisationAlias();
    }

    /** The configured organisation name, or a demo placeholder. */
    public String organisationName() {
        return blank(props.organisationName()) ? DEFAULT_ORGANISATION_NAME : props.organisationName();
    }

    /**
     * The leader's certificate, readable without the PIN (to check at once that a key exists, and
     * which certificate a leader's signature must carry).
     */
    public X509Certificate signerCertificate(String userId) {
        awaitDemoKeys();
        return readSignerCertificate(userId);
    }

    X509Certificate readSignerCertificate(String userId) {
        if (tokenSlot(userId) != null) {
            // a token's certificate is read after login; the configured .cer beside names it without the PIN
            Path cer = signerDir.resolve(userId.toLowerCase(java.util.Locale.ROOT) + ".cer");
            if (!Files.exists(cer)) {
                throw new NoSigningKeyException(userId, "the certificate file " + cer + " of the token key is missing");
            }
        }
        Path cer = signerFile(userId, ".cer");
        boolean keyElsewhere = tokenSlot(userId) != null || (remote != null && remote.isRemote(userId));
        if (!Files.exists(cer) || (!keyElsewhere && !Files.exists(signerFile(userId, ".p12")))) {
            throw new NoSigningKeyException(userId, "missing key");
        }
        try (InputStream in = Files.newInputStream(cer)) {
            X509Certificate cert = (X509Certificate)
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            cert.checkValidity();
            return cert;
        } catch (CertificateExpiredException e) {
            throw new NoSigningKeyException(userId, "certificate expired");
        } catch (CertificateNotYetValidException e) {
            throw new NoSigningKeyException(userId, "certificate not yet valid");
        } catch (IOException | GeneralSecurityException e) {
            throw new NoSigningKeyException(userId, "unreadable certificate: " + e.getMessage());
        }
    }

    /**
     * The leader's key, unlocked with the PIN the leader gives now. The key file is encrypted with
     * the PIN, so nothing on the server can sign for a leader without it.
     *
     * @throws WrongPinException     the PIN does not open the key
     * @throws NoSigningKeyException no usable key
     */
    public SigningIdentity signer(String userId, char[] pin) {
        awaitDemoKeys();
        Integer slot = tokenSlot(userId);
        if (slot != null) {
            return tokens.open(slot, userId, pin, true);
        }
        X509Certificate expected = signerCertificate(userId);
        if (pin == null || pin.length == 0) {
            throw new WrongPinException(userId);
        }
        KeyStore ks = KeyStoreFiles.unlock(signerFile(userId, ".p12"), userId, pin);
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getKey(alias, pin) instanceof PrivateKey key) {
                    Certificate[] chain = ks.getCertificateChain(alias);
                    List<X509Certificate> x509 =
                            Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
                    if (!x509.get(0).equals(expected)) {
                        throw new NoSigningKeyException(userId, "key and certificate file do not match");
                    }
                    String cn = commonName(x509.get(0));
                    return new SigningIdentity(userId, cn == null ? userId : cn, key, x509);
                }
            }
        } catch (java.security.UnrecoverableKeyException e) {
            throw new WrongPinException(userId);
        } catch (GeneralSecurityException e) {
            throw new NoSigningKeyException(userId, "unreadable key: " + e.getMessage());
        }
        throw new NoSigningKeyException(userId, "no key entry");
    }

    private Integer tokenSlot(String userId) {
        return tokens == null || userId == null
                ? null
                : props.pkcs11().signerSlots().get(userId);
    }

    /** The PKCS#11 tokens, for set-up and tests; null when none is configured. */
    Pkcs11Tokens tokens() {
        return tokens;
    }

    /** Whether the leader's key lives in a PKCS#11 token, whose PIN only the token's own tool changes. */
    public boolean inToken(String userId) {
        return tokenSlot(userId) != null;
    }

    /** Encrypts the leader's key under a new PIN; the old one must open it. */
    public void changePin(String userId, char[] oldPin, char[] newPin) {
        if (newPin == null || newPin.length < 4) {
            throw new IllegalArgumentException("A signing PIN has at least 4 characters");
        }
        if (tokenSlot(userId) != null) {
            throw new IllegalStateException("A token's PIN is changed with the token's own tool");
        }
        awaitDemoKeys();
        synchronized (lock) {
            SigningIdentity id = signer(userId, oldPin);
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry(userId, id.privateKey(), newPin, id.chain().toArray(new Certificate[0]));
                KeyStoreFiles.write(ks, newPin, signerFile(userId, ".p12"));
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("Cannot re-encrypt the key of " + userId, e);
            }
        }
    }

    /** The demo time-stamping authority (certified by the demo CA for time stamping only); empty outside demo mode. */
    public java.util.Optional<SigningIdentity> demoTimestampAuthority() {
        if (!demo) {
            return java.util.Optional.empty();
        }
        demoCa.ensureTimestampAuthority();
        return java.util.Optional.of(identity(DemoCertificateAuthority.TSA_ALIAS));
    }

    /** The organisation's seal key; in demo mode created on first use with {@link #organisationName()}. */
    public SigningIdentity organisation() {
        Integer sealSlot = tokens == null ? null : props.pkcs11().sealSlot();
        if (sealSlot != null) {
            // the seal's token stays logged in: the system applies the seal, no person gives its PIN
            return cache.computeIfAbsent(
                    props.organisationAlias(),
                    alias -> tokens.open(
                            sealSlot,
                            alias,
                            props.pkcs11().sealPin() == null
                                    ? null
                                    : props.pkcs11().sealPin().toCharArray(),
                            false));
        }
        if (demo) {
            demoCa.ensureSeal(organisationName());
        }
        return identity(props.organisationAlias());
    }

    /**
     * Demo mode: the demo keys of these leaders ({@link #ensureDemoSigner}) and of the organisation
     * ({@link #ensureDemoOrganisation}), to be made after the start ({@link #makeDemoKeys}, the warm-up
     * thread) rather than during it (about a second: Bouncy Castle's set-up, key files). Whatever
     * needs a key before then makes them itself or waits for them; a failure is thrown there.
     * No-op in production.
     *
     * @param signers user id → full name (the certificate's CN)
     */
    public void prepareDemoKeys(Map<String, String> signers, String organisationName) {
        if (demo) {
            demoCa.prepare(signers, organisationName);
        }
    }

    /** Makes the prepared demo keys now, on this thread, unless that is done or under way elsewhere. */
    public void makeDemoKeys() {
        if (demo) {
            demoCa.make();
        }
    }

    private void awaitDemoKeys() {
        if (demo) {
            demoCa.await();
        }
    }

    /**
     * Demo mode: give the user a key and certificate (CN = full name) in a key file of their own,
     * encrypted with the demo PIN, unless they have one. No-op in production.
     */
    public void ensureDemoSigner(String userId, String fullName) {
        if (demo) {
            demoCa.ensureSigner(userId, fullName);
        }
    }

    /** Demo mode: create the organisation's seal key unless one exists. No-op in production. */
    public void ensureDemoOrganisation(String organisationName) {
        if (demo) {
            demoCa.ensureOrganisation(organisationName);
        }
    }

    /** Demo mode: the demo CA's key and certificate (to issue its CRL and the test TSA's certificate); else empty. */
    public java.util.Optional<SigningIdentity> demoCertificateAuthority() {
        return demo ? java.util.Optional.of(demoCa.identity()) : java.util.Optional.empty();
    }

    Path signerFile(String userId, String suffix) {
        if (userId == null || !USER_ID.matcher(userId).matches() || reserved(userId)) {
            throw new NoSigningKeyException(String.valueOf(userId), "not a user key");
        }
        return signerDir.resolve(userId.toLowerCase(java.util.Locale.ROOT) + suffix);
    }

    /** The certificates a signature must chain to be "trusted". */
    public List<X509Certificate> trustAnchors() {
        awaitDemoKeys();
        synchronized (lock) {
            try {
                KeyStore ks = store();
                if (demo) {
                    return List.of((X509Certificate) ks.getCertificate(DemoCertificateAuthority.CA_ALIAS));
                }
                Set<X509Certificate> anchors = new LinkedHashSet<>();
                for (String alias : Collections.list(ks.aliases())) {
                    if (ks.isCertificateEntry(alias)) {
                        anchors.add((X509Certificate) ks.getCertificate(alias));
                    } else {
                        Certificate[] chain = ks.getCertificateChain(alias);
                        if (chain != null && chain.length > 0) {
                            anchors.add((X509Certificate) chain[chain.length - 1]);
                        }
                    }
                }
                return List.copyOf(anchors);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read trust anchors from " + file, e);
            }
        }
    }

    private SigningIdentity identity(String alias) {
        SigningIdentity id = cache.get(alias);
        if (id == null) {
            synchronized (lock) {
                id = cache.computeIfAbsent(alias, this::read);
            }
        }
        try {
            id.certificate().checkValidity();
        } catch (CertificateExpiredException e) {
            throw new NoSigningKeyException(
                    alias,
                    "certificate expired " + id.certificate().getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            throw new NoSigningKeyException(alias, "certificate not yet valid");
        }
        return id;
    }

    private SigningIdentity read(String alias) { // under lock
        try {
            KeyStore ks = store();
            if (!ks.isKeyEntry(alias)) {
                throw new NoSigningKeyException(alias, "missing key");
            }
            Key key = ks.getKey(alias, password);
            Certificate[] chain = ks.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new NoSigningKeyException(alias, "not a private key");
            }
            if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                throw new NoSigningKeyException(alias, "key without certificate");
            }
            List<X509Certificate> x509 =
                    Arrays.stream(chain).map(c -> (X509Certificate) c).toList();
            String cn = commonName(x509.get(0));
            return new SigningIdentity(alias, cn == null ? alias : cn, privateKey, x509);
        } catch (GeneralSecurityException e) {
            throw new NoSigningKeyException(alias, "unreadable key: " + e.getMessage());
        }
    }

    private KeyStore store() { // under lock
        return demo ? demoCa.store() : store;
    }

    boolean reserved(String alias) {
        return alias.equalsIgnoreCase(props.organisationAlias())
                || (demo
                        && (alias.equalsIgnoreCase(DemoCertificateAuthority.CA_ALIAS)
                                || alias.equalsIgnoreCase(DemoCertificateAuthority.TSA_ALIAS)));
    }

    /** The subject's CN, or null. */
    public static String commonName(X509Certificate cert) {
        RDN[] cns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        if (cns.length == 0) {
            return null;
        }
        // the plain string, not the RFC 4514 escaped form
        return cns[0].getFirst().getValue() instanceof ASN1String s
                ? s.getString()
                : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
