package vn.vanthu.signing;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.PAdESTimestampParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.tsp.KeyEntityTSPSource;
import eu.europa.esig.dss.token.DSSPrivateKeyEntry;
import eu.europa.esig.dss.token.KeyStoreSignatureTokenConnection;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates and PAdES signatures made by a test: CAs, their signers and TSAs, self-signed pretenders. */
final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] PASSWORD = "test".toCharArray();

    private TestPki() {}

    /** A key and its certificate chain (end entity first). */
    record Party(PrivateKey key, X509Certificate certificate, List<X509Certificate> chain) {

        /** A signer or TSA certificate issued by this party, which must be a CA. */
        Party issue(String commonName, boolean tsa) {
            KeyPair pair = ec();
            X509Certificate cert = TestPki.certificate(name(commonName), pair, this, false, tsa);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(this.chain);
            return new Party(pair.getPrivate(), cert, chain);
        }

        /** An end-entity certificate issued by this CA, valid in [notBefore, notAfter], with this key usage. */
        Party issue(String commonName, Instant notBefore, Instant notAfter, int keyUsage) {
            KeyPair pair = ec();
            X509Certificate cert =
                    TestPki.certificate(name(commonName), pair, this, false, false, notBefore, notAfter, keyUsage);
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            chain.addAll(this.chain);
            return new Party(pair.getPrivate(), cert, chain);
        }

        CaCrlSource crls() {
            return new CaCrlSource(certificate, key);
        }

        KeyEntityTSPSource tsa() {
            KeyEntityTSPSource source = new KeyEntityTSPSource(key, certificate, chain);
            source.setTsaPolicy("1.2.3.4.1"); // any policy OID: a test TSA
            return source;
        }
    }

    static Party ca(String commonName) {
        KeyPair pair = ec();
        X509Certificate cert = certificate(name(commonName), pair, null, true, false);
        return new Party(pair.getPrivate(), cert, List.of(cert));
    }

    /** A certificate anybody can make: self-signed, with the name one chooses. */
    static Party selfSigned(String commonName) {
        KeyPair pair = ec();
        X509Certificate cert = certificate(name(commonName), pair, null, false, false);
        return new Party(pair.getPrivate(), cert, List.of(cert));
    }

    /**
     * A PAdES signature by DSS, as an incremental update.
     *
     * @param permission a certification signature with this DocMDP permission, or null for an approval signature
     * @param tsa        adds an RFC 3161 signature timestamp (PAdES-BASELINE-T) when not null
     */
    static byte[] sign(byte[] pdf, Party signer, CertificationPermission permission, KeyEntityTSPSource tsa) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("k", signer.key(), PASSWORD, signer.chain().toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, PASSWORD);
            try (KeyStoreSignatureTokenConnection token = new KeyStoreSignatureTokenConnection(
                    out.toByteArray(), "PKCS12", new KeyStore.PasswordProtection(PASSWORD))) {
                DSSPrivateKeyEntry key = token.getKeys().get(0);
                PAdESSignatureParameters params = new PAdESSignatureParameters();
                params.setSignatureLevel(
                        tsa == null ? SignatureLevel.PAdES_BASELINE_B : SignatureLevel.PAdES_BASELINE_T);
                params.setDigestAlgorithm(DigestAlgorithm.SHA256);
                params.setSigningCertificate(key.getCertificate());
                params.setCertificateChain(key.getCertificateChain());
                params.setReason("Ký thử nghiệm");
                if (permission != null) {
                    params.setPermission(permission);
                }
                PAdESService service = new PAdESService(new CommonCertificateVerifier());
                if (tsa != null) {
                    service.setTspSource(tsa);
                }
                // a forger ignores a lock that forbids signing on: DSS would refuse, an attacker's tool need not
                eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory objects =
                        new eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory();
                eu.europa.esig.dss.pdf.PdfPermissionsChecker permissions =
                        new eu.europa.esig.dss.pdf.PdfPermissionsChecker();
                permissions.setAlertOnForbiddenSignatureCreation(new eu.europa.esig.dss.alert.SilentOnStatusAlert());
                objects.setPdfPermissionsChecker(permissions);
                service.setPdfObjFactory(objects);
                DSSDocument document = new InMemoryDocument(pdf);
                ToBeSigned data = service.getDataToSign(document, params);
                SignatureValue value = token.sign(data, DigestAlgorithm.SHA256, key);
                return service.signDocument(document, params, value)
                        .openStream()
                        .readAllBytes();
            }
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Cannot sign as " + signer.certificate().getSubjectX500Principal(), e);
        }
    }

    /** A PAdES document timestamp (/DocTimeStamp) by the TSA, as an incremental update. */
    static byte[] documentTimestamp(byte[] pdf, KeyEntityTSPSource tsa) {
        try {
            PAdESService service = new PAdESService(new CommonCertificateVerifier());
            service.setTspSource(tsa);
            return service.timestamp(new InMemoryDocument(pdf), new PAdESTimestampParameters(DigestAlgorithm.SHA256))
                    .openStream()
                    .readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot timestamp", e);
        }
    }

    static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.C, "VN")
                .build();
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Self-signed when issuer is null; a CA, a signer (nonRepudiation) or a TSA (timeStamping). */
    private static X509Certificate certificate(X500Name subject, KeyPair pair, Party issuer, boolean ca, boolean tsa) {
        Instant now = Instant.now();
        int usage = ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : tsa ? KeyUsage.digitalSignature : KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
        return certificate(
                subject, pair, issuer, ca, tsa, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), usage);
    }

    private static X509Certificate certificate(
            X500Name subject,
            KeyPair pair,
            Party issuer,
            boolean ca,
            boolean tsa,
            Instant notBefore,
            Instant notAfter,
            int usage) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            issuer == null
                                    ? subject
                                    : X500Name.getInstance(issuer.certificate()
                                            .getSubjectX500Principal()
                                            .getEncoded()),
                            new BigInteger(127, RANDOM).add(BigInteger.ONE),
                            Date.from(notBefore),
                            Date.from(notAfter),
                            subject,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(
                            Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            if (issuer != null) {
                builder.addExtension(
                        Extension.authorityKeyIdentifier,
                        false,
                        ext.createAuthorityKeyIdentifier(issuer.certificate()));
            }
            if (tsa) {
                builder.addExtension(
                        Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
            }
            PrivateKey signingKey = issuer == null ? pair.getPrivate() : issuer.key();
            return new JcaX509CertificateConverter()
                    .setProvider(SigningKeys.bc())
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                            .setProvider(SigningKeys.bc())
                            .build(signingKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
