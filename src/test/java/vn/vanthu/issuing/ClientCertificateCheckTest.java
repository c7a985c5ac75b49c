package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;

/**
 * The token's certificate checks of step 1 that the demo keys cannot reach over HTTP (the demo
 * leader's enrolled certificate is valid, for signing and issued by the trust anchor): here the
 * "enrolled" certificate is itself expired, for encryption only, or from another CA.
 */
class ClientCertificateCheckTest {

    static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");
    static final AtomicLong SERIAL = new AtomicLong(1);

    record Party(PrivateKey key, X509Certificate certificate) {}

    final Party root = ca("Văn thư Test Root", null);
    final Party intermediate = ca("Văn thư Test Sub CA", root);

    @Test
    void aLeafFromTheAnchorPassesAndComesBackWithItsAnchor() {
        X509Certificate leaf = leaf("Nguyễn Văn An", root, signing(), NOW.minus(Duration.ofDays(1)));
        assertThat(ClientLeaderSignature.checkedChain(List.of(leaf), leaf, List.of(root.certificate()), NOW))
                .containsExactly(leaf, root.certificate());
    }

    @Test
    void aLeafUnderAnIntermediateNeedsTheIntermediateInTheChain() {
        X509Certificate leaf = leaf("Nguyễn Văn An", intermediate, signing(), NOW.minus(Duration.ofDays(1)));
        List<X509Certificate> anchors = List.of(root.certificate());
        assertThat(ClientLeaderSignature.checkedChain(List.of(leaf, intermediate.certificate()), leaf, anchors, NOW))
                .containsExactly(leaf, intermediate.certificate(), root.certificate());
        assertThatThrownBy(() -> ClientLeaderSignature.checkedChain(List.of(leaf), leaf, anchors, NOW))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("không do tổ chức chứng thực được tin cậy cấp");
    }

    @Test
    void aCertificateOfAnotherCaIsNotTrusted() {
        Party other = ca("Một CA khác", null);
        X509Certificate leaf = leaf("Nguyễn Văn An", other, signing(), NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> ClientLeaderSignature.checkedChain(
                        List.of(leaf, other.certificate()), leaf, List.of(root.certificate()), NOW))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("không do tổ chức chứng thực được tin cậy cấp");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        X509Certificate leaf = leaf("Nguyễn Văn An", root, signing(), NOW.minus(Duration.ofDays(400)));
        assertThatThrownBy(
                        () -> ClientLeaderSignature.checkedChain(List.of(leaf), leaf, List.of(root.certificate()), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("không còn hiệu lực")
                .satisfies(e ->
                        assertThat(((InvalidInputException) e).fieldErrors()).containsKey("certificate"));
    }

    @Test
    void aCertificateNotForSigningIsRefused() {
        X509Certificate leaf =
                leaf("Nguyễn Văn An", root, new KeyUsage(KeyUsage.keyAgreement), NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(
                        () -> ClientLeaderSignature.checkedChain(List.of(leaf), leaf, List.of(root.certificate()), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("không dùng để ký số");
    }

    @Test
    void aCertificateOtherThanTheEnrolledOneIsRefusedFirst() {
        X509Certificate enrolled = leaf("Nguyễn Văn An", root, signing(), NOW.minus(Duration.ofDays(1)));
        X509Certificate sameName = leaf("Nguyễn Văn An", root, signing(), NOW.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> ClientLeaderSignature.checkedChain(
                        List.of(sameName), enrolled, List.of(root.certificate()), NOW))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("không phải chứng thư số đã đăng ký");
    }

    static KeyUsage signing() {
        return new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
    }

    static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.C, "VN")
                .build();
    }

    static KeyPair ec() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CA, self-signed when issuer is null, valid for ten years around NOW. */
    static Party ca(String commonName, Party issuer) {
        KeyPair pair = ec();
        X509Certificate cert = certificate(
                name(commonName),
                pair,
                issuer,
                true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
                NOW.minus(Duration.ofDays(3650)));
        return new Party(pair.getPrivate(), cert);
    }

    /** An end-entity certificate valid for a year from {@code from}. */
    static X509Certificate leaf(String commonName, Party issuer, KeyUsage usage, Instant from) {
        return certificate(name(commonName), ec(), issuer, false, usage, from);
    }

    static X509Certificate certificate(
            X500Name subject, KeyPair pair, Party issuer, boolean ca, KeyUsage usage, Instant from) {
        try {
            X500Name issuerName = issuer == null
                    ? subject
                    : X500Name.getInstance(
                            issuer.certificate().getSubjectX500Principal().getEncoded());
            Instant until = ca ? NOW.plus(Duration.ofDays(3650)) : from.plus(Duration.ofDays(365));
            var builder = new JcaX509v3CertificateBuilder(
                            issuerName,
                            BigInteger.valueOf(SERIAL.getAndIncrement()),
                            Date.from(from),
                            Date.from(until),
                            subject,
                            pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                    .addExtension(Extension.keyUsage, true, usage);
            PrivateKey signer = issuer == null ? pair.getPrivate() : issuer.key();
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
