package vn.vanthu.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import vn.vanthu.config.InstallationProperties;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.system.PrivateFiles;

/**
 * The signing keys of users and of the organisation, from a PKCS#12 file.
 *
 * <p>Production mode ({@code vanthu.signing.keystore} set): the configured PKCS#12 is loaded at start-up;
 * a user's key is the entry whose alias is the user id (PKCS#12 aliases are case-insensitive), the seal is the
 * entry {@code vanthu.signing.organisation-alias}. Trust anchors are the keystore's trusted-certificate entries
 * plus the top certificate of each key entry's chain.
 *
 * <p>Demo mode (no keystore): a demo CA and per-user keys are generated on demand (ECDSA P-256) and kept in
 * {@code {vanthu.shared-dir}/keys/demo-keys.p12} under {@link #DEMO_KEYSTORE_PASSWORD}, so they survive restarts.
 * They prove nothing about anyone: never use demo mode for real documents. Several nodes share that folder:
 * each key is made once, by whichever node needs it first, under a file lock ({@code keys/.lock}) that
 * also keeps out the other nodes (two nodes starting together would otherwise make two demo CAs, and each
 * would call the other's signatures untrusted).
 *
 * <p>Thread-safe.
 */
@Component
@EnableConfigurationProperties({SigningProperties.class, RemoteSigningProperties.class, InstallationProperties.class})
public class SigningKeys {

    /** Protects nothing: the demo keystore's password, written here on purpose. */
    public static final String DEMO_KEYSTORE_PASSWORD = "demo-only-not-secret";

    public static final String DEMO_CA_NAME = "Văn thư Demo CA";
    static final String DEMO_CA_ALIAS = "vanthu-demo-ca";
    static final String DEMO_TSA_ALIAS = "vanthu-demo-tsa";
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
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningProperties props;
    private final boolean demo;
    private final Path file;
    private final Path signerDir;
    private final char[] password;
    private final Object lock = new Object();
    private final Map<String, SigningIdentity> cache = new ConcurrentHashMap<>();
    private final Pkcs11Tokens tokens;
    private KeyStore store; // guarded by lock; in demo mode loaded or created on first use
    /** Demo keys still to be made ({@link #prepareDemoKeys}); done when none are. */
    private volatile java.util.concurrent.CompletableFuture<Void> demoKeys =
            java.util.concurrent.CompletableFuture.completedFuture(null);

    private final java.util.concurrent.atomic.AtomicReference<Runnable> pendingDemoKeys =
            new java.util.concurrent.atomic.AtomicReference<>();
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
        } else {
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
                this.store = emptyStore();
            } else {
                this.file = Path.of(this.props.keystore());
                this.signerDir = blank(this.props.signerKeys())
                        ? file.resolveSibling("signers")
                        : Path.of(this.props.signerKeys());
                this.store = load(file, password); // fail at start-up, not at the first signature
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

    private X509Certificate readSignerCertificate(String userId) {
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
        KeyStore ks;
        try (InputStream in = Files.newInputStream(signerFile(userId, ".p12"))) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pin);
        } catch (IOException e) {
            // PKCS#12 reports a wrong password as an IOException whose cause is UnrecoverableKeyException
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new WrongPinException(userId);
            }
            throw new NoSigningKeyException(userId, "unreadable key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new NoSigningKeyException(userId, "unreadable key: " + e.getMessage());
        }
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
                write(ks, newPin, signerFile(userId, ".p12"));
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
        awaitDemoKeys();
        ensureDemoEntry(DEMO_TSA_ALIAS, "Văn thư Demo TSA", false);
        return java.util.Optional.of(identity(DEMO_TSA_ALIAS));
    }

    /** The organisation's seal key; in demo mode created on first use with {@link #organisationName()}. */
    public SigningIdentity organisation() {
        Integer sealSlot = tokens == null ? null : props.pkcs11().sealSlot();
        if (sealSlot != null) {
            // the seal's token stays logged in: the system applies the seal, no person gives its PIN
            SigningIdentity seal = cache.computeIfAbsent(
                    props.organisationAlias(),
                    alias -> tokens.open(
                            sealSlot,
                            alias,
                            props.pkcs11().sealPin() == null
                                    ? null
                                    : props.pkcs11().sealPin().toCharArray(),
                            false));
            return seal;
        }
        if (demo) {
            awaitDemoKeys();
            ensureDemoEntry(props.organisationAlias(), organisationName(), false);
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
    public void prepareDemoKeys(java.util.Map<String, String> signers, String organisationName) {
        if (!demo) {
            return;
        }
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(signers);
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        demoKeys = done;
        pendingDemoKeys.set(() -> {
            try {
                copy.forEach(this::ensureDemoSigner);
                ensureDemoOrganisation(organisationName);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    /** Makes the prepared demo keys now, on this thread, unless that is done or under way elsewhere. */
    public void makeDemoKeys() {
        Runnable job = pendingDemoKeys.getAndSet(null);
        if (job != null) {
            job.run();
        }
    }

    private void awaitDemoKeys() {
        if (!demo) {
            return;
        }
        makeDemoKeys();
        try {
            demoKeys.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException("The demo keys could not be made", e.getCause());
        }
    }

    /**
     * Demo mode: give the user a key and certificate (CN = full name) in a key file of their own,
     * encrypted with the demo PIN, unless they have one. No-op in production.
     */
    public void ensureDemoSigner(String userId, String fullName) {
        if (!demo) {
            return;
        }
        if (blank(userId) || reserved(userId)) {
            throw new IllegalArgumentException("Not a usable user id: " + userId);
        }
        String cn = blank(fullName) ? userId : fullName;
        synchronized (lock) {
            if (hasDemoSigner(userId, cn)) {
                return;
            }
            store();
            acrossNodes(() -> {
                if (!hasDemoSigner(userId, cn)) { // another node may have made it meanwhile
                    createDemoSigner(userId, cn);
                }
                return null;
            });
        }
    }

    private boolean hasDemoSigner(String userId, String cn) {
        try {
            X509Certificate existing = readSignerCertificate(userId);
            return cn.equals(commonName(existing))
                    && existing.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)));
        } catch (NoSigningKeyException missing) {
            return false;
        }
    }

    private void createDemoSigner(String userId, String cn) { // under lock and the file lock
        try {
            KeyStore ks = store();
            PrivateKey caKey = (PrivateKey) ks.getKey(DEMO_CA_ALIAS, password);
            X509Certificate caCert = (X509Certificate) ks.getCertificate(DEMO_CA_ALIAS);
            KeyPair pair = newKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, cn)
                    .addRDN(BCStyle.O, organisationName())
                    .addRDN(BCStyle.C, "VN")
                    .build();
            X509Certificate cert = issue(subject, pair.getPublic(), caCert, caKey, false);
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry(userId, pair.getPrivate(), DEMO_PIN.toCharArray(), new Certificate[] {cert, caCert});
            Path cer = signerFile(userId, ".cer");
            keyFolder(cer.getParent());
            write(own, DEMO_PIN.toCharArray(), signerFile(userId, ".p12"));
            Path tmp = Files.createTempFile(cer.getParent(), "cert", ".tmp");
            Files.write(tmp, cert.getEncoded());
            Files.move(tmp, cer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create the demo key of " + userId, e);
        }
    }

    private Path signerFile(String userId, String suffix) {
        if (userId == null || !USER_ID.matcher(userId).matches() || reserved(userId)) {
            throw new NoSigningKeyException(String.valueOf(userId), "not a user key");
        }
        return signerDir.resolve(userId.toLowerCase(java.util.Locale.ROOT) + suffix);
    }

    /** Demo mode: create the organisation's seal key unless one exists. No-op in production. */
    public void ensureDemoOrganisation(String organisationName) {
        if (demo) {
            ensureDemoEntry(
                    props.organisationAlias(), blank(organisationName) ? organisationName() : organisationName, true);
        }
    }

    /** Demo mode: the demo CA's key and certificate (to issue its CRL and the test TSA's certificate); else empty. */
    public java.util.Optional<SigningIdentity> demoCertificateAuthority() {
        if (!demo) {
            return java.util.Optional.empty();
        }
        awaitDemoKeys();
        synchronized (lock) {
            try {
                KeyStore ks = store();
                X509Certificate ca = (X509Certificate) ks.getCertificate(DEMO_CA_ALIAS);
                return java.util.Optional.of(new SigningIdentity(
                        DEMO_CA_ALIAS, DEMO_CA_NAME, (PrivateKey) ks.getKey(DEMO_CA_ALIAS, password), List.of(ca)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the demo CA from " + file, e);
            }
        }
    }

    /** The certificates a signature must chain to be "trusted". */
    public List<X509Certificate> trustAnchors() {
        awaitDemoKeys();
        synchronized (lock) {
            try {
                KeyStore ks = store();
                if (demo) {
                    return List.of((X509Certificate) ks.getCertificate(DEMO_CA_ALIAS));
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

    /** Creates the entry if missing or about to expire, and if {@code renamed} also when the CN differs. */
    private void ensureDemoEntry(String alias, String commonName, boolean renamed) {
        synchronized (lock) {
            try {
                if (usable(store(), alias, commonName, renamed)) {
                    return;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the demo key " + alias, e);
            }
            acrossNodes(() -> {
                // what another node may have written since this one read the file
                store = load(file, password);
                cache.remove(alias);
                if (!usable(store, alias, commonName, renamed)) {
                    createDemoEntry(alias, commonName);
                }
                return null;
            });
        }
    }

    private static boolean usable(KeyStore ks, String alias, String commonName, boolean renamed)
            throws GeneralSecurityException {
        return ks.isKeyEntry(alias)
                && ks.getCertificate(alias) instanceof X509Certificate cert
                && (!renamed || commonName.equals(commonName(cert)))
                && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)));
    }

    private void createDemoEntry(String alias, String commonName) { // under lock and the file lock
        try {
            KeyStore ks = store;
            PrivateKey caKey = (PrivateKey) ks.getKey(DEMO_CA_ALIAS, password);
            X509Certificate caCert = (X509Certificate) ks.getCertificate(DEMO_CA_ALIAS);
            KeyPair pair = newKeyPair();
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
            if (!alias.equals(props.organisationAlias())) {
                subject.addRDN(BCStyle.O, organisationName());
            }
            X509Certificate cert = issue(
                    subject.addRDN(BCStyle.C, "VN").build(),
                    pair.getPublic(),
                    caCert,
                    caKey,
                    false,
                    DEMO_TSA_ALIAS.equals(alias));
            ks.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert, caCert});
            save(ks);
            cache.remove(alias);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create the demo key of " + alias, e);
        }
    }

    private KeyStore store() { // under lock
        if (store == null) {
            store = Files.exists(file)
                    ? load(file, password)
                    : acrossNodes(() -> {
                        // another node may have made it while this one waited for the lock
                        return Files.exists(file) ? load(file, password) : createDemoStore();
                    });
        }
        return store;
    }

    /** Held by one JVM of those sharing the key folder at a time; within a JVM, by one thread. */
    private static final Object FILE_LOCK = new Object();

    /**
     * Runs {@code work} holding the key folder's lock file, which every node sharing the folder
     * takes before it creates or replaces a demo key (demo mode only; the caller holds {@link #lock}).
     */
    private <T> T acrossNodes(java.util.concurrent.Callable<T> work) {
        synchronized (FILE_LOCK) {
            try {
                keyFolder(file.getParent());
                try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(
                                file.resolveSibling(".lock"),
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.WRITE);
                        java.nio.channels.FileLock held = channel.lock()) {
                    return work.call();
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot lock the demo key folder " + file.getParent(), e);
            }
        }
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore createDemoStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            KeyPair pair = newKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, DEMO_CA_NAME)
                    .addRDN(BCStyle.C, "VN")
                    .build();
            X509Certificate ca = issue(name, pair.getPublic(), null, pair.getPrivate(), true, false);
            ks.setKeyEntry(DEMO_CA_ALIAS, pair.getPrivate(), password, new Certificate[] {ca});
            save(ks);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create the demo keystore " + file, e);
        }
    }

    /** A CA certificate when {@code issuer} is null (self-signed), otherwise a signing certificate. */
    private static X509Certificate issue(
            X500Name subject, PublicKey publicKey, X509Certificate issuer, PrivateKey issuerKey, boolean ca)
            throws GeneralSecurityException {
        return issue(subject, publicKey, issuer, issuerKey, ca, false);
    }

    /** {@code timeStamping}: a TSA certificate (RFC 3161 wants the critical extended key usage timeStamping). */
    private static X509Certificate issue(
            X500Name subject,
            PublicKey publicKey,
            X509Certificate issuer,
            PrivateKey issuerKey,
            boolean ca,
            boolean timeStamping)
            throws GeneralSecurityException {
        try {
            ZonedDateTime now = ZonedDateTime.now(OrganisationProperties.VIETNAM);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuer == null
                                    ? subject
                                    : X500Name.getInstance(
                                            issuer.getSubjectX500Principal().getEncoded()),
                            new BigInteger(127, RANDOM).add(BigInteger.ONE),
                            Date.from(now.minusDays(1).toInstant()), // tolerate clock skew
                            Date.from(now.plusYears(ca ? 20 : 10).toInstant()),
                            subject,
                            publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(
                                    ca
                                            ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                            : timeStamping
                                                    ? KeyUsage.digitalSignature
                                                    : KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
            if (timeStamping) {
                builder.addExtension(
                        Extension.extendedKeyUsage,
                        true,
                        new org.bouncycastle.asn1.x509.ExtendedKeyUsage(
                                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_timeStamping));
            }
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
            }
            return new JcaX509CertificateConverter()
                    .setProvider(bc())
                    .getCertificate(builder.build(new JcaContentSignerBuilder(
                                    "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA")
                            .setProvider(bc())
                            .build(issuerKey)));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** ECDSA P-256: as strong as RSA 3072, generated in milliseconds instead of about half a second each. */
    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static KeyStore load(Path path, char[] password) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot load the signing keystore " + path.toAbsolutePath()
                            + " (vanthu.signing.keystore / keystore-password)",
                    e);
        }
    }

    private void save(KeyStore ks) throws IOException, GeneralSecurityException {
        write(ks, password, file);
    }

    private static void write(KeyStore ks, char[] storePassword, Path target)
            throws IOException, GeneralSecurityException {
        Files.createDirectories(target.getParent()); // the demo folders are made 0700 by keyFolder
        Path tmp = target.resolveSibling("keys-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            // 0600 from its creation, in a 0700 folder
            try (OutputStream out = PrivateFiles.create(tmp)) {
                ks.store(out, storePassword);
            }
            // atomic so that a crash never leaves a half-written keystore behind
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A folder of demo keys (demo mode only: an operator's own keystore folder keeps its modes), 0700; its parent too when it is the demo {@code keys/} folder's
     * {@code signers/}, so that both levels keep other accounts out.
     */
    private static void keyFolder(Path folder) throws IOException {
        if (folder.getFileName().toString().equals("signers")
                && folder.getParent() != null
                && folder.getParent().getFileName().toString().equals("keys")) {
            PrivateFiles.folder(folder.getParent());
        }
        PrivateFiles.folder(folder);
    }

    private boolean reserved(String alias) {
        return alias.equalsIgnoreCase(props.organisationAlias())
                || (demo && (alias.equalsIgnoreCase(DEMO_CA_ALIAS) || alias.equalsIgnoreCase(DEMO_TSA_ALIAS)));
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
