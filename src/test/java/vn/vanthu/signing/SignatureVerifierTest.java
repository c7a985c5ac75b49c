package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vanthu.support.BesideTheOthers;

/** The trust anchors of vanthu.signing.trust-anchors, PEM or DER, beside the demo CA. */
@BesideTheOthers // no Spring, nothing the others read
class SignatureVerifierTest {

    @Test
    void anchorFilesInPemAndDerAreTrustedBesideTheDemoCa(@TempDir Path dir) throws Exception {
        TestPki.Party pemCa = TestPki.ca("CA in PEM");
        TestPki.Party derCa = TestPki.ca("CA in DER");
        Path pem = dir.resolve("ca.pem");
        Files.writeString(
                pem,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(pemCa.certificate().getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        Path der = dir.resolve("ca.der");
        Files.write(der, derCa.certificate().getEncoded());
        SigningKeys keys = SigningKeys.demo(dir.resolve("data"));
        SignatureVerifier verifier = new SignatureVerifier(
                keys,
                new SigningProperties(
                        null, null, null, null, List.of(pem.toString(), " " + der + " "), null, null, null),
                false);

        byte[] unsigned = PadesValidationTest.formPdf();
        for (TestPki.Party ca : List.of(pemCa, derCa)) {
            VerificationReport report =
                    verifier.verify(TestPki.sign(unsigned, ca.issue("Người ký", false), null, null));
            assertThat(report.signatures())
                    .singleElement()
                    .satisfies(s -> assertThat(s.certificateTrusted()).isTrue());
            // trusted, but offline there is no CRL of that CA: not TOTAL_PASSED
            assertThat(report.indication()).isEqualTo("INDETERMINATE");
        }
        VerificationReport other =
                verifier.verify(TestPki.sign(unsigned, TestPki.ca("Not listed").issue("Người ký", false), null, null));
        assertThat(other.signatures().get(0).certificateTrusted()).isFalse();
        assertThat(other.reason()).contains(PadesValidation.UNTRUSTED);

        // the demo CA stays trusted, with its own CRL: TOTAL_PASSED
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        SigningIdentity leader = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        var rendered = new vn.vanthu.rendering.DocumentRenderer().render(SigningTest.sheet());
        byte[] demoSigned = new DocumentSigner(keys, new TimestampAuthority(SigningProperties.demo(), keys))
                .signAsLeader(
                        rendered.pdf(),
                        leader,
                        new SignatureImages(null).signer("bithu", leader.displayName()),
                        rendered.signerArea(),
                        java.time.Instant.now().minusSeconds(5));
        VerificationReport demo = verifier.verify(demoSigned);
        assertThat(demo.signatures()).as(String.valueOf(demo)).allMatch(SignatureCheck::passed);
        assertThat(demo.verdict()).isEqualTo(VerificationReport.Verdict.SIGNED_NOT_ISSUED);
    }

    @Test
    void anUnreadableAnchorFileStopsTheStartRatherThanTrustingLess(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.pem");
        Files.writeString(bad, "not a certificate");
        SigningKeys keys = SigningKeys.demo(dir.resolve("data"));
        assertThatThrownBy(() -> new SignatureVerifier(
                        keys,
                        new SigningProperties(null, null, null, null, List.of(bad.toString()), null, null, null),
                        false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bad.pem");
        assertThatThrownBy(() -> new SignatureVerifier(
                        keys,
                        new SigningProperties(
                                null,
                                null,
                                null,
                                null,
                                List.of(dir.resolve("missing.pem").toString()),
                                null,
                                null,
                                null),
                        false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing.pem");
    }
}
