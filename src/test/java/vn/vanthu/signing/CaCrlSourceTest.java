package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.model.x509.CertificateToken;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.MovableClock;

/** The demo CA's own CRL: valid a few days, issued again when old, and only for the CA's certificates. */
class CaCrlSourceTest {

    @Test
    void crlIsSignedByTheCaAndIssuedAgainWhenOld() throws Exception {
        TestPki.Party ca = TestPki.ca("Test CA");
        TestPki.Party signer = ca.issue("Nguyễn Văn An", false);
        MovableClock clock = new MovableClock(Instant.now());
        CaCrlSource source = new CaCrlSource(ca.certificate(), ca.key(), clock);
        X509CRL first = crl(source.currentCrl());
        first.verify(ca.certificate().getPublicKey());
        assertThat(Duration.between(
                        first.getThisUpdate().toInstant(), first.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(3));
        assertThat(first.getRevokedCertificates()).isNull();

        var token = source.getRevocationToken(
                new CertificateToken(signer.certificate()), new CertificateToken(ca.certificate()));
        assertThat(token).isNotNull();
        assertThat(token.isValid()).isTrue();
        assertThat(token.getStatus().isGood()).isTrue();

        clock.move(Duration.ofHours(1));
        assertThat(crl(source.currentCrl()).getThisUpdate()).isEqualTo(first.getThisUpdate());
        clock.move(Duration.ofHours(12));
        assertThat(crl(source.currentCrl()).getThisUpdate()).isAfter(first.getThisUpdate());

        TestPki.Party other = TestPki.ca("Other CA");
        assertThat(source.getRevocationToken(
                        new CertificateToken(other.issue("X", false).certificate()),
                        new CertificateToken(other.certificate())))
                .as("not ours to answer")
                .isNull();
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }
}
