package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.vanthu.rendering.RenderedPdf.Area;

class SigningTest {

    static final String SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
    static final String SIGNING_TIME = "1.2.840.113549.1.9.5";
    static final String MARKER = "GIAY MOI HOP THU NGHIEM";
    /** A minute ago: DSS refuses a signing time outside the certificate's validity, and the demo certificates are made now. */
    static final Instant SIGNED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    static final Area SIGNER_AREA = new Area(0, 330, 300, 220, 62);
    static final Area SEAL_AREA = new Area(0, 300, 370, 200, 40);

    @TempDir
    static Path sharedDir;
    static SigningKeys keys;
    static PadesSigner signer;
    static SignatureVerifier verifier;
    static byte[] unsigned;
    static byte[] once;
    static byte[] twice;

    @BeforeAll
    static void signTwice() throws Exception {
        keys = SigningKeys.demo(sharedDir);
        signer = new PadesSigner(keys);
        verifier = new SignatureVerifier(keys);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        keys.ensureDemoOrganisation("Đảng ủy Khối các cơ quan tỉnh");
        unsigned = samplePdf();
        once = signer.sign(unsigned, keys.signer("bithu"),
                VisibleSignature.signer(SIGNER_AREA, "Nguyễn Văn An", "Bí thư", SIGNED_AT), SIGNED_AT);
        twice = signer.sign(once, keys.organisation(),
                VisibleSignature.seal(SEAL_AREA, "Đảng ủy Khối các cơ quan tỉnh", SIGNED_AT), SIGNED_AT);
        Path out = Path.of("target", "signing-sample.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, twice); // for a look with pdftoppm / a PDF viewer
    }

    @Test
    void twoIncrementalPadesSignaturesEachVerifyWithBouncyCastle() throws Exception {
        assertThat(Arrays.equals(twice, 0, once.length, once, 0, once.length))
                .as("the seal is an incremental update").isTrue();
        try (PDDocument doc = Loader.loadPDF(twice)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            assertThat(signatures).hasSize(2);
            List<String> signers = new ArrayList<>();
            for (PDSignature signature : signatures) {
                assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
                assertThat(signature.getFilter()).isEqualTo("Adobe.PPKLite");
                assertThat(signature.getSignDate().toInstant()).isEqualTo(SIGNED_AT);
                byte[] content = signature.getSignedContent(twice);
                CMSSignedData cms;
                try (ASN1InputStream in = new ASN1InputStream(signature.getContents(twice))) { // drop the zero padding
                    cms = new CMSSignedData(new CMSProcessableByteArray(content), ContentInfo.getInstance(in.readObject()));
                }
                assertThat(cms.isDetachedSignature()).isTrue();
                SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
                @SuppressWarnings("unchecked")
                X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates()
                        .getMatches(info.getSID()).iterator().next();
                assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
                assertThat(info.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1"); // SHA-256
                var attributes = info.getSignedAttributes();
                assertThat(attributes.get(new ASN1ObjectIdentifier(SIGNING_TIME))).isNull();
                var v2 = attributes.get(new ASN1ObjectIdentifier(SIGNING_CERTIFICATE_V2));
                assertThat(v2).isNotNull();
                byte[] certHash = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0))
                        .getCerts()[0].getCertHash();
                assertThat(certHash).isEqualTo(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
                signers.add(signature.getName() + " / " + signature.getReason());
            }
            assertThat(signers).containsExactlyInAnyOrder(
                    "Nguyễn Văn An / Ký ban hành", "Đảng ủy Khối các cơ quan tỉnh / Đóng dấu");
        }
    }

    @Test
    void theSpaceReservedForEachSignatureFitsItsCmsWithLittleToSpare() throws Exception {
        try (PDDocument doc = Loader.loadPDF(twice)) {
            for (PDSignature signature : doc.getSignatureDictionaries()) {
                byte[] reserved = signature.getContents(twice);
                int used;
                try (ASN1InputStream in = new ASN1InputStream(reserved)) {
                    used = in.readObject().getEncoded().length;
                }
                // a fixed 20 KB used to put ~37 KB of hex zeros into every PDF and every email
                assertThat(reserved.length).as(signature.getName()).isBetween(used, used + 2 * PadesSigner.SIGNATURE_SPARE);
            }
        }
        assertThat(twice.length).as("PDF size").isLessThan(90_000);
    }

    @Test
    void verifierAcceptsTheDoublySignedPdf() {
        VerificationReport report = verifier.verify(twice);
        assertThat(report.valid()).as(report.reason()).isTrue();
        assertThat(report.reason()).isNull();
        assertThat(report.signatures()).hasSize(2);
        assertThat(report.signatures()).allSatisfy(c -> {
            assertThat(c.intact()).isTrue();
            assertThat(c.certificateTrusted()).isTrue();
            assertThat(c.signedAt()).isEqualTo(SIGNED_AT);
        });
        assertThat(report.signatures()).extracting(SignatureCheck::signer)
                .containsExactly("Nguyễn Văn An", "Đảng ủy Khối các cơ quan tỉnh");
        assertThat(report.signatures()).extracting(SignatureCheck::coversWholeFile).containsExactly(false, true);

        VerificationReport first = verifier.verify(once);
        assertThat(first.valid()).isTrue();
        assertThat(first.signatures()).singleElement().satisfies(c -> assertThat(c.coversWholeFile()).isTrue());
    }

    @Test
    void oneAlteredByteInvalidatesTheSignatures() {
        VerificationReport report = verifier.verify(altered(twice));
        assertThat(report.valid()).isFalse();
        assertThat(report.reason()).contains("không còn nguyên vẹn");
        assertThat(report.signatures()).hasSize(2).noneMatch(SignatureCheck::intact);
    }

    @Test
    void appendedContentAfterTheLastSignatureIsReported() {
        byte[] appended = Arrays.copyOf(twice, twice.length + 10);
        System.arraycopy("\n% added\n".getBytes(StandardCharsets.US_ASCII), 0, appended, twice.length, 9);
        VerificationReport report = verifier.verify(appended);
        assertThat(report.valid()).isFalse();
        assertThat(report.signatures()).allMatch(SignatureCheck::intact);
        assertThat(report.signatures().get(1).coversWholeFile()).isFalse();
        assertThat(report.reason()).contains("sau chữ ký số cuối cùng");
    }

    @Test
    void badInputIsReportedNotThrown() {
        VerificationReport unsignedReport = verifier.verify(unsigned);
        assertThat(unsignedReport.valid()).isFalse();
        assertThat(unsignedReport.reason()).isEqualTo("Tệp không có chữ ký số");

        byte[] random = new byte[5000];
        new Random(42).nextBytes(random);
        byte[] truncated = Arrays.copyOf(twice, twice.length / 2);
        byte[] fakePdf = "%PDF-1.7\nnot really\n%%EOF".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : new byte[][] {random, new byte[0], null, truncated, fakePdf}) {
            VerificationReport report = verifier.verify(bad);
            assertThat(report.valid()).isFalse();
            assertThat(report.reason()).isNotBlank();
        }
        assertThat(verifier.verify(random).reason()).isEqualTo("Tệp không phải PDF");
    }

    @Test
    void demoKeysSurviveARestart(@TempDir Path dir) {
        SigningKeys first = SigningKeys.demo(dir);
        first.ensureDemoSigner("chanhvp", "Trần Thị Bình");
        X509Certificate cert = first.signer("chanhvp").certificate();
        assertThat(SigningKeys.commonName(cert)).isEqualTo("Trần Thị Bình");
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        assertThat(Files.exists(dir.resolve("keys/demo-keys.p12"))).isTrue();

        SigningKeys restarted = SigningKeys.demo(dir);
        restarted.ensureDemoSigner("chanhvp", "Trần Thị Bình"); // idempotent
        assertThat(restarted.signer("chanhvp").certificate()).isEqualTo(cert);
        assertThat(restarted.trustAnchors()).isEqualTo(first.trustAnchors());
        X509Certificate ca = restarted.trustAnchors().get(0);
        assertThat(SigningKeys.commonName(ca)).isEqualTo("Văn thư Demo CA");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void aUserWithoutKeyIsRefused() {
        assertThatThrownBy(() -> keys.signer("phobithu"))
                .isInstanceOf(NoSigningKeyException.class)
                .hasMessageContaining("'phobithu'")
                .hasMessageContaining("chưa có khóa ký số hợp lệ");
        assertThatThrownBy(() -> keys.signer(keys.organisationAlias())).isInstanceOf(NoSigningKeyException.class);
        assertThatThrownBy(() -> keys.signer(null)).isInstanceOf(NoSigningKeyException.class);
    }

    @Test
    void productionKeystore(@TempDir Path dir) throws Exception {
        KeyPair caPair = rsa();
        X500Name caName = new X500Name("CN=Test Root CA,C=VN");
        Instant now = Instant.now();
        X509Certificate ca = certificate(caName, caName, caPair, caPair.getPrivate(), true,
                now.minus(1, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] password = "s3cret".toCharArray();
        for (String[] user : new String[][] {{"bithu", "Nguyễn Văn An"}, {"organisation", "Đảng ủy Khối"}}) {
            KeyPair pair = rsa();
            X509Certificate cert = certificate(new X500Name("CN=" + user[1] + ",C=VN"), caName, pair,
                    caPair.getPrivate(), false, now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
            ks.setKeyEntry(user[0], pair.getPrivate(), password, new Certificate[] {cert, ca});
        }
        KeyPair old = rsa();
        X509Certificate expired = certificate(new X500Name("CN=Lê Cũ,C=VN"), caName, old, caPair.getPrivate(),
                false, now.minus(800, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS));
        ks.setKeyEntry("hethan", old.getPrivate(), password, new Certificate[] {expired, ca});
        Path file = dir.resolve("keys.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }

        Path dataDir = dir.resolve("data");
        SigningKeys production = new SigningKeys(
                new SigningProperties(file.toString(), "s3cret", null, "Đảng ủy Khối", null), dataDir);
        assertThat(production.demoMode()).isFalse();
        production.ensureDemoSigner("someone", "Ai Đó"); // no-op
        production.ensureDemoOrganisation("X");
        assertThat(Files.exists(dataDir)).isFalse();
        assertThat(production.trustAnchors()).containsExactly(ca);

        SigningIdentity bithu = production.signer("bithu");
        assertThat(bithu.displayName()).isEqualTo("Nguyễn Văn An");
        assertThatThrownBy(() -> production.signer("unknown")).isInstanceOf(NoSigningKeyException.class)
                .hasMessageContaining("'unknown'");
        assertThatThrownBy(() -> production.signer("hethan")).isInstanceOf(NoSigningKeyException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> production.signer("someone")).isInstanceOf(NoSigningKeyException.class);

        PadesSigner productionSigner = new PadesSigner(production);
        byte[] signed = productionSigner.sign(unsigned, bithu,
                VisibleSignature.signer(SIGNER_AREA, "Nguyễn Văn An", "Bí thư", SIGNED_AT), SIGNED_AT);
        signed = productionSigner.sign(signed, production.organisation(), null, SIGNED_AT);
        // offline and without a CRL for this CA, DSS cannot know the keys were not revoked
        VerificationReport offline = new SignatureVerifier(production).verify(signed);
        assertThat(offline.valid()).isFalse();
        assertThat(offline.signatures()).hasSize(2).allMatch(SignatureCheck::certificateTrusted)
                .allSatisfy(c -> assertThat(c.indication()).isEqualTo("INDETERMINATE"));
        assertThat(offline.indication()).isEqualTo("INDETERMINATE");
        assertThat(offline.reason()).contains("thu hồi");
        VerificationReport report = new PadesValidation(production.trustAnchors(),
                new CaCrlSource(ca, caPair.getPrivate()), false).verify(signed);
        assertThat(report.valid()).as(report.reason()).isTrue();
        assertThat(report.signatures()).hasSize(2).allMatch(SignatureCheck::certificateTrusted);
        // the demo CA is not a production anchor, and vice versa
        assertThat(new SignatureVerifier(production).verify(twice).signatures())
                .noneMatch(SignatureCheck::certificateTrusted);
        assertThatThrownBy(() -> new SigningKeys(new SigningProperties(file.toString(), "wrong", null, null, null), dataDir))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentSigning() throws Exception {
        List<String> users = List.of("u1", "u2", "u3", "u4");
        for (String user : users) {
            keys.ensureDemoSigner(user, "Người dùng " + user);
        }
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (String user : users) {
                    results.add(pool.submit(() -> signer.sign(unsigned, keys.signer(user),
                            new VisibleSignature(SIGNER_AREA, List.of("Ký bởi: Người dùng " + user)), Instant.now())));
                }
            }
            for (Future<byte[]> result : results) {
                assertThat(verifier.verify(result.get(60, TimeUnit.SECONDS)).valid()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signingTime() {
        SigningIdentity id = keys.signer("bithu");
        VisibleSignature visible = VisibleSignature.signer(SIGNER_AREA, "Nguyễn Văn An", "Bí thư", SIGNED_AT);
        for (int i = 0; i < 5; i++) {
            signer.sign(unsigned, id, visible, SIGNED_AT); // warm-up
        }
        int n = 20;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            signer.sign(unsigned, id, visible, SIGNED_AT);
        }
        double signMs = (System.nanoTime() - start) / 1e6 / n;
        for (int i = 0; i < 5; i++) {
            verifier.verify(twice); // warm-up: DSS loads much on first use
        }
        // CPU time of this thread too: the wall clock depends on what else runs on the machine
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            verifier.verify(twice);
        }
        double verifyMs = (System.nanoTime() - start) / 1e6 / n;
        double verifyCpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / n;
        System.out.printf("TIMING: sign %.1f ms/signature, verify with DSS (2 signatures) %.1f ms, %.1f ms CPU%n",
                signMs, verifyMs, verifyCpuMs);
    }

    @Test
    void pdfsigAcceptsBothSignatures(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("pdfsig"), "pdfsig (poppler-utils) not installed");
        Path good = dir.resolve("signed.pdf");
        Files.write(good, twice);
        String output = run("pdfsig", good.toString());
        assertThat(output).contains("Signature #1", "Signature #2");
        assertThat(count(output, "Signature Validation: Signature is Valid.")).as(output).isEqualTo(2);
        assertThat(count(output, "ETSI.CAdES.detached")).as(output).isEqualTo(2);

        Path bad = dir.resolve("altered.pdf");
        Files.write(bad, altered(twice));
        String badOutput = run("pdfsig", bad.toString());
        assertThat(badOutput).doesNotContain("Signature is Valid");
    }

    // --- helpers

    /** One A4 page with uncompressed text, so a test can find and alter a signed byte. */
    static byte[] samplePdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.OVERWRITE, false)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_BOLD), 16);
                cs.newLineAtOffset(72, 760);
                cs.showText(MARKER);
                cs.newLineAtOffset(0, -30);
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 12);
                cs.showText("Noi dung van ban thu nghiem ky so.");
                cs.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A copy with one letter of the page text changed: inside both signatures' byte ranges. */
    static byte[] altered(byte[] pdf) {
        String latin1 = new String(pdf, StandardCharsets.ISO_8859_1);
        int at = latin1.indexOf(MARKER);
        assertThat(at).isPositive();
        byte[] copy = pdf.clone();
        copy[at] = 'X';
        return copy;
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static X509Certificate certificate(X500Name subject, X500Name issuer, KeyPair subjectPair, PrivateKey issuerKey,
                                       boolean ca, Instant from, Instant to) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(from), Date.from(to), subject, subjectPair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                .addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "-v").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    static int count(String haystack, String needle) {
        int count = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
