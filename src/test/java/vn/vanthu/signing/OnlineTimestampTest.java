package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.RenderedPdf;

/**
 * The production path of time stamping: {@code vanthu.signing.tsa-url} pointing at an RFC 3161
 * service over HTTP. The service here is a real RFC 3161 responder on localhost (BouncyCastle's
 * generator with the demo TSA's key), so the request, the HTTP exchange and the response parsing
 * are DSS's own, as against a CA's TSA.
 */
class OnlineTimestampTest {

    @Test
    void aSignatureGetsItsTimestampFromAnHttpTsa(@TempDir Path dir) throws Exception {
        SigningKeys keys = SigningKeys.demo(dir);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        SigningIdentity tsa = keys.demoTimestampAuthority().orElseThrow();
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/tsa", exchange -> {
            try {
                TimeStampRequest request =
                        new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                        new JcaSimpleSignerInfoGeneratorBuilder()
                                .build("SHA256withECDSA", tsa.privateKey(), tsa.certificate()),
                        new JcaDigestCalculatorProviderBuilder()
                                .build()
                                .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                        org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
                        new ASN1ObjectIdentifier(TimestampAuthority.DEMO_POLICY));
                tokens.addCertificates(new JcaCertStore(tsa.chain()));
                TimeStampResponse response = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
                        .generate(request, BigInteger.valueOf(requests.incrementAndGet()), new Date());
                byte[] body = response.getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tsa";
            DocumentSigner signer = new DocumentSigner(
                    keys,
                    new TimestampAuthority(new SigningProperties(null, null, null, null, null, null, url, null), keys));
            RenderedPdf rendered = new DocumentRenderer().render(SigningTest.sheet());
            SigningIdentity leader = keys.signer("bithu", "demo".toCharArray());
            byte[] signed = signer.signAsLeader(
                    rendered.pdf(),
                    leader,
                    new SignatureImages(null).signer("bithu", leader.displayName()),
                    rendered.signerArea(),
                    SigningTest.NOW);
            assertThat(requests.get()).isEqualTo(1);
            try (PDDocument doc = Loader.loadPDF(signed)) {
                CMSSignedData cms = new CMSSignedData(SignedPdfs.firstObject(
                        doc.getSignatureDictionaries().get(0).getContents()));
                SignerInformation info =
                        cms.getSignerInfos().getSigners().iterator().next();
                var attribute = info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                TimeStampToken token = new TimeStampToken(org.bouncycastle.asn1.cms.ContentInfo.getInstance(
                        attribute.getAttrValues().getObjectAt(0)));
                assertThat(token.getTimeStampInfo().getSerialNumber()).isEqualTo(BigInteger.ONE);
                assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(TimestampAuthority.DEMO_POLICY);
                // and DSS, under the demo CA and its CRL, accepts the timestamp
                SigningIdentity ca = keys.demoCertificateAuthority().orElseThrow();
                VerificationReport report = new PadesValidation(
                                keys.trustAnchors(), new CaCrlSource(ca.certificate(), ca.privateKey()), false)
                        .verify(signed);
                assertThat(report.signatures().get(0).timestamp()).isNotNull();
                // the leader's signature alone: every check passes, and it says it is not issued yet
                assertThat(report.signatures()).allMatch(SignatureCheck::passed);
                assertThat(report.verdict())
                        .as(report.toString())
                        .isEqualTo(VerificationReport.Verdict.SIGNED_NOT_ISSUED);
            }
        } finally {
            server.stop(0);
        }
    }
}
