package vn.vanthu.signing;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.system.InvalidInputException;

/**
 * A leader's certificate as a token presents it, in the one set of rules both its uses follow: the
 * enrolment (SigningCertificates) and each two-step signature (issuing.ClientLeaderSignature). Read
 * from DER, valid now, for signing, chaining to a trust anchor; revocation is checked when a signed
 * file is validated, not here. Refusals are field errors of {@link #FIELD}, in Vietnamese.
 */
public final class SigningCertificatePaths {

    public static final String FIELD = "certificate";
    public static final String UNTRUSTED = "Chứng thư số không do tổ chức chứng thực được tin cậy cấp.";
    static final int MAX_CHAIN = 10;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss dd/MM/yyyy");

    /** No path to a trust anchor: the caller says how much that weighs (403 to sign, 400 to enrol). */
    public static final class UntrustedException extends RuntimeException {
        UntrustedException() {
            super(UNTRUSTED);
        }
    }

    private SigningCertificatePaths() {}

    /** DER certificates, the leaf first. */
    public static List<X509Certificate> parse(List<byte[]> certificates) {
        if (certificates == null || certificates.isEmpty()) {
            throw InvalidInputException.of(
                    FIELD, "Cần chứng thư số của thiết bị ký (base64 DER, chứng thư của lãnh đạo trước).");
        }
        if (certificates.size() > MAX_CHAIN) {
            throw InvalidInputException.of(FIELD, "Chuỗi chứng thư số dài quá " + MAX_CHAIN + " chứng thư.");
        }
        List<X509Certificate> parsed = new ArrayList<>();
        for (byte[] der : certificates) {
            try {
                parsed.add(certificate(der));
            } catch (RuntimeException e) {
                throw InvalidInputException.of(FIELD, "Chứng thư số không đọc được (cần base64 của DER X.509).");
            }
        }
        return parsed;
    }

    /**
     * The path from the leaf ({@code given}'s first) to a trust anchor, leaf first and the anchor last.
     *
     * @throws InvalidInputException not valid at {@code now}, or not for signing
     * @throws UntrustedException    no path to any of {@code trustAnchors}
     */
    public static List<X509Certificate> forSigning(
            List<X509Certificate> given, List<X509Certificate> trustAnchors, Instant now) {
        X509Certificate leaf = given.get(0);
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw InvalidInputException.of(
                    FIELD,
                    "Chứng thư số không còn hiệu lực (hiệu lực từ "
                            + at(leaf.getNotBefore().toInstant()) + " đến "
                            + at(leaf.getNotAfter().toInstant()) + ").");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage == null || usage.length < 2 || !(usage[0] || usage[1])) {
            throw InvalidInputException.of(
                    FIELD, "Chứng thư số không dùng để ký số (thiếu digitalSignature/nonRepudiation).");
        }
        Set<TrustAnchor> anchors =
                trustAnchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(given)));
            PKIXCertPathBuilderResult built = (PKIXCertPathBuilderResult)
                    CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> chain = new ArrayList<>();
            built.getCertPath().getCertificates().forEach(c -> chain.add((X509Certificate) c));
            chain.add(built.getTrustAnchor().getTrustedCert());
            return chain;
        } catch (CertPathBuilderException e) {
            throw new UntrustedException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot check a certificate path: " + e.getMessage(), e);
        }
    }

    /** A chain as stored: PkiPath (RFC 5280's encoding of a certification path). */
    public static byte[] encode(List<X509Certificate> chain) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertPath(chain)
                    .getEncoded("PkiPath");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static List<X509Certificate> decode(byte[] pkiPath) {
        try {
            return (List<X509Certificate>) CertificateFactory.getInstance("X.509")
                    .generateCertPath(new ByteArrayInputStream(pkiPath), "PkiPath")
                    .getCertificates();
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("Not an X.509 certificate", e);
        }
    }

    private static String at(Instant t) {
        return AT.format(t.atZone(OrganisationProperties.VIETNAM));
    }
}
