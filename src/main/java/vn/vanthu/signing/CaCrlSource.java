package vn.vanthu.signing;

import eu.europa.esig.dss.crl.CRLBinary;
import eu.europa.esig.dss.crl.CRLUtils;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Offline revocation for the certificates one CA we hold the key of issued (the demo CA, or a test CA):
 * it issues its own CRL, empty because we never revoke a demo key, and hands it to DSS. Without it DSS
 * has no revocation data for our signers and every genuine signature ends INDETERMINATE / TRY_LATER.
 *
 * <p>The CRL is issued again when it is older than {@link #REISSUE_AFTER}, or when it predates the
 * certificate asked about: DSS does not accept a CRL issued before the certificate's notBefore as
 * saying anything about that certificate. Thread-safe.
 */
final class CaCrlSource implements CRLSource {

    /** nextUpdate is this far ahead: a CRL stays usable a few days, as a real CA's would. */
    static final Duration VALIDITY = Duration.ofDays(3);

    static final Duration REISSUE_AFTER = Duration.ofHours(12);

    private final X509Certificate ca;
    private final CertificateToken caToken;
    private final PrivateKey caKey;
    private final Clock clock;
    private Issued current; // guarded by this

    private record Issued(Instant thisUpdate, CRLBinary binary) {}

    CaCrlSource(X509Certificate ca, PrivateKey caKey) {
        this(ca, caKey, Clock.systemUTC());
    }

    CaCrlSource(X509Certificate ca, PrivateKey caKey, Clock clock) {
        this.ca = ca;
        this.caToken = new CertificateToken(ca);
        this.caKey = caKey;
        this.clock = clock;
    }

    X509Certificate issuer() {
        return ca;
    }

    @Override
    public CRLToken getRevocationToken(CertificateToken certificate, CertificateToken issuer) {
        if (certificate == null || issuer == null || !caToken.equals(issuer)) {
            return null; // not ours to answer
        }
        try {
            CRLToken token = new CRLToken(certificate, CRLUtils.buildCRLValidity(crl(certificate), caToken));
            token.setExternalOrigin(RevocationOrigin.EXTERNAL);
            return token;
        } catch (IOException | RuntimeException e) {
            return null; // DSS then reports missing revocation data rather than a crash
        }
    }

    /**
     * The DER of the CRL DSS is handed now when it asks about these certificates: the current one,
     * or a new one where the rule above says so for any of them this CA issued.
     */
    byte[] crlFor(java.util.Collection<X509Certificate> certificates) {
        CRLBinary binary = null;
        for (X509Certificate certificate : certificates) {
            if (certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
                binary = crl(new CertificateToken(certificate));
            }
        }
        return (binary == null ? crl(null) : binary).getBinaries();
    }

    /** The DER of the current CRL (e.g. to publish it). */
    byte[] currentCrl() {
        return crl(null).getBinaries();
    }

    private synchronized CRLBinary crl(CertificateToken forCertificate) {
        Instant now = clock.instant();
        boolean stale = current == null
                || current.thisUpdate().isBefore(now.minus(REISSUE_AFTER))
                || (forCertificate != null
                        && current.thisUpdate()
                                .isBefore(forCertificate.getNotBefore().toInstant()));
        if (stale) {
            current = new Issued(now, CRLUtils.buildCRLBinary(issue(now)));
        }
        return current.binary();
    }

    private byte[] issue(Instant now) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
            builder.addExtension(
                    Extension.cRLNumber,
                    false,
                    new CRLNumber(BigInteger.valueOf(now.toEpochMilli())) /* grows across restarts */);
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca));
            String algorithm = "EC".equals(caKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            return builder.build(new JcaContentSignerBuilder(algorithm)
                            .setProvider(SigningKeys.bc())
                            .build(caKey))
                    .getEncoded();
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue the CRL of " + ca.getSubjectX500Principal(), e);
        }
    }
}
