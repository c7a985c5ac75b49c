package vn.vanthu.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import vn.vanthu.config.OrganisationProperties;

/**
 * Demo mode's certificate authority ({@link SigningKeys} without a keystore): a demo CA, the seal and
 * the demo time-stamping authority (ECDSA P-256) in {@code keys/demo-keys.p12} under
 * {@link SigningKeys#DEMO_KEYSTORE_PASSWORD}, and each leader's key in a file of its own under the
 * demo PIN, all made on demand and kept, so they survive restarts. They prove nothing about anyone:
 * never use demo mode for real documents. Several nodes share that folder: each key is made once, by
 * whichever node needs it first, under a file lock ({@code keys/.lock}) that also keeps out the other
 * nodes (two nodes starting together would otherwise make two demo CAs, and each would call the
 * other's signatures untrusted).
 *
 * <p>Shares {@link SigningKeys}'s lock: the keystore it makes is the one SigningKeys reads.
 */
final class DemoCertificateAuthority {

    static final String CA_ALIAS = "vanthu-demo-ca";
    static final String TSA_ALIAS = "vanthu-demo-tsa";
    static final String TSA_NAME = "Văn thư Demo TSA";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKeys keys;
    private final Path file;
    private final char[] password;
    private final Object lock;
    /** Drops what SigningKeys keeps of a replaced entry. */
    private final Consumer<String> forget;

    private KeyStore store; // guarded by lock; loaded or created on first use

    DemoCertificateAuthority(SigningKeys keys, Path file, char[] password, Object lock, Consumer<String> forget) {
        this.keys = keys;
        this.file = file;
        this.password = password;
        this.lock = lock;
        this.forget = forget;
    }

    /** Demo keys still to be made ({@link #prepare}); done when none are. */
    private volatile CompletableFuture<Void> demoKeys = CompletableFuture.completedFuture(null);

    private final AtomicReference<Runnable> pendingDemoKeys = new AtomicReference<>();

    /** See {@link SigningKeys#prepareDemoKeys}. */
    void prepare(Map<String, String> signers, String organisationName) {
        Map<String, String> copy = new LinkedHashMap<>(signers);
        CompletableFuture<Void> done = new CompletableFuture<>();
        demoKeys = done;
        pendingDemoKeys.set(() -> {
            try {
                copy.forEach(this::ensureSigner);
                ensureOrganisation(organisationName);
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    /** Makes the prepared demo keys now, on this thread, unless that is done or under way elsewhere. */
    void make() {
        Runnable job = pendingDemoKeys.getAndSet(null);
        if (job != null) {
            job.run();
        }
    }

    /** Waits for the prepared demo keys, making them on this thread if nobody has started. */
    void await() {
        make();
        try {
            demoKeys.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The demo keys could not be made", e.getCause());
        }
    }

    /** Gives the user a key and certificate (CN = full name) in a key file of their own, unless they have one. */
    void ensureSigner(String userId, String fullName) {
        if (blank(userId) || keys.reserved(userId)) {
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
            X509Certificate existing = keys.readSignerCertificate(userId);
            return cn.equals(SigningKeys.commonName(existing))
                    && existing.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)));
        } catch (NoSigningKeyException missing) {
            return false;
        }
    }

    private void createDemoSigner(String userId, String cn) { // under lock and the file lock
        try {
            KeyStore ks = store();
            PrivateKey caKey = (PrivateKey) ks.getKey(CA_ALIAS, password);
            X509Certificate caCert = (X509Certificate) ks.getCertificate(CA_ALIAS);
            KeyPair pair = newKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, cn)
                    .addRDN(BCStyle.O, keys.organisationName())
                    .addRDN(BCStyle.C, "VN")
                    .build();
            X509Certificate cert = issue(subject, pair.getPublic(), caCert, caKey, false);
            KeyStore own = KeyStore.getInstance("PKCS12");
            own.load(null, null);
            own.setKeyEntry(
                    userId, pair.getPrivate(), SigningKeys.DEMO_PIN.toCharArray(), new Certificate[] {cert, caCert});
            Path cer = keys.signerFile(userId, ".cer");
            KeyStoreFiles.keyFolder(cer.getParent());
            KeyStoreFiles.write(own, SigningKeys.DEMO_PIN.toCharArray(), keys.signerFile(userId, ".p12"));
            Path tmp = Files.createTempFile(cer.getParent(), "cert", ".tmp");
            Files.write(tmp, cert.getEncoded());
            Files.move(tmp, cer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create the demo key of " + userId, e);
        }
    }

    /** Creates the organisation's seal key unless one exists with this name. */
    void ensureOrganisation(String organisationName) {
        ensureEntry(
                keys.organisationAlias(), blank(organisationName) ? keys.organisationName() : organisationName, true);
    }

    /** Once the prepared keys are made: the seal, unless it exists (of any name). */
    void ensureSeal(String organisationName) {
        await();
        ensureEntry(keys.organisationAlias(), organisationName, false);
    }

    /** Once the prepared keys are made: the demo TSA, certified by the demo CA for time stamping only. */
    void ensureTimestampAuthority() {
        await();
        ensureEntry(TSA_ALIAS, TSA_NAME, false);
    }

    /** The demo CA's key and certificate (to issue its CRL and the test TSA's certificate). */
    SigningIdentity identity() {
        await();
        synchronized (lock) {
            try {
                KeyStore ks = store();
                X509Certificate ca = (X509Certificate) ks.getCertificate(CA_ALIAS);
                return new SigningIdentity(
                        CA_ALIAS, SigningKeys.DEMO_CA_NAME, (PrivateKey) ks.getKey(CA_ALIAS, password), List.of(ca));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot read the demo CA from " + file, e);
            }
        }
    }

    /** Creates the entry if missing or about to expire, and if {@code renamed} also when the CN differs. */
    private void ensureEntry(String alias, String commonName, boolean renamed) {
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
                store = KeyStoreFiles.load(file, password);
                forget.accept(alias);
                if (!usable(store, alias, commonName, renamed)) {
                    createEntry(alias, commonName);
                }
                return null;
            });
        }
    }

    private static boolean usable(KeyStore ks, String alias, String commonName, boolean renamed)
            throws GeneralSecurityException {
        return ks.isKeyEntry(alias)
                && ks.getCertificate(alias) instanceof X509Certificate cert
                && (!renamed || commonName.equals(SigningKeys.commonName(cert)))
                && cert.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(30)));
    }

    private void createEntry(String alias, String commonName) { // under lock and the file lock
        try {
            KeyStore ks = store;
            PrivateKey caKey = (PrivateKey) ks.getKey(CA_ALIAS, password);
            X509Certificate caCert = (X509Certificate) ks.getCertificate(CA_ALIAS);
            KeyPair pair = newKeyPair();
            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName);
            if (!alias.equals(keys.organisationAlias())) {
                subject.addRDN(BCStyle.O, keys.organisationName());
            }
            X509Certificate cert = issue(
                    subject.addRDN(BCStyle.C, "VN").build(),
                    pair.getPublic(),
                    caCert,
                    caKey,
                    false,
                    TSA_ALIAS.equals(alias));
            ks.setKeyEntry(alias, pair.getPrivate(), password, new Certificate[] {cert, caCert});
            save(ks);
            forget.accept(alias);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot create the demo key of " + alias, e);
        }
    }

    /** The demo keystore, loaded or created on first use (the caller holds the lock). */
    KeyStore store() {
        if (store == null) {
            store = Files.exists(file)
                    ? KeyStoreFiles.load(file, password)
                    : acrossNodes(() -> {
                        // another node may have made it while this one waited for the lock
                        return Files.exists(file) ? KeyStoreFiles.load(file, password) : createStore();
                    });
        }
        return store;
    }

    /** Held by one JVM of those sharing the key folder at a time; within a JVM, by one thread. */
    private static final Object FILE_LOCK = new Object();

    /**
     * Runs {@code work} holding the key folder's lock file, which every node sharing the folder
     * takes before it creates or replaces a demo key (the caller holds {@link #lock}).
     */
    private <T> T acrossNodes(Callable<T> work) {
        synchronized (FILE_LOCK) {
            try {
                KeyStoreFiles.keyFolder(file.getParent());
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

    private KeyStore createStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            KeyPair pair = newKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, SigningKeys.DEMO_CA_NAME)
                    .addRDN(BCStyle.C, "VN")
                    .build();
            X509Certificate ca = issue(name, pair.getPublic(), null, pair.getPrivate(), true, false);
            ks.setKeyEntry(CA_ALIAS, pair.getPrivate(), password, new Certificate[] {ca});
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
                    .setProvider(SigningKeys.bc())
                    .getCertificate(builder.build(new JcaContentSignerBuilder(
                                    "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA")
                            .setProvider(SigningKeys.bc())
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

    private void save(KeyStore ks) throws IOException, GeneralSecurityException {
        KeyStoreFiles.write(ks, password, file);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
