package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.RenderedPdf;

/**
 * The seal's B-LT validation data written from what DSS gathered for an earlier document is what DSS
 * itself writes for this one: the same certificates, CRLs and catalog entries in one update.
 */
class SealValidationDataTest {

    @TempDir
    static Path data;

    static SigningKeys keys;
    static DocumentSigner signer;
    static byte[] first;
    static byte[] second;
    static byte[] third;

    @BeforeAll
    static void sealThreeDocuments() throws Exception {
        keys = SigningKeys.demo(data);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        keys.ensureDemoOrganisation("Đảng ủy Khối các cơ quan tỉnh");
        signer = new DocumentSigner(keys, new TimestampAuthority(SigningProperties.demo(), keys));
        SignatureImages images = new SignatureImages(new SignatureImages.Settings(null, null));
        RenderedPdf rendered = new DocumentRenderer().render(SigningTest.sheet());
        SigningIdentity leader = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        byte[] image = images.signer("bithu", leader.displayName());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        first = seal(
                images,
                rendered,
                signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), now),
                117,
                now);
        second = seal(
                images,
                rendered,
                signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), now.plusSeconds(5)),
                118,
                now.plusSeconds(5));
        third = seal(
                images,
                rendered,
                signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), now.plusSeconds(9)),
                119,
                now.plusSeconds(9));
        Path out = Path.of("target", "signature-block");
        Files.createDirectories(out);
        Files.write(out.resolve("issued-reused-validation-data.pdf"), second);
        // its own demo CA, for the outside check (../shared/tools/outside-check FILE CA)
        Files.writeString(
                out.resolve("issued-reused-validation-data-ca.pem"),
                "-----BEGIN CERTIFICATE-----\n"
                        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                                .encodeToString(keys.demoCertificateAuthority()
                                        .orElseThrow()
                                        .certificate()
                                        .getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
    }

    static byte[] seal(SignatureImages images, RenderedPdf rendered, byte[] leaderSigned, int number, Instant time) {
        return SigningTest.seal(
                signer, keys, images, rendered, leaderSigned, "Số " + number + "-GM/ĐUK", time.plusSeconds(2));
    }

    @Test
    void theFirstSealAsksDssTheLaterOnesReuseWhatItGathered() {
        assertThat(signer.sealLevel()).isEqualTo(eu.europa.esig.dss.enumerations.SignatureLevel.PAdES_BASELINE_LT);
        assertThat(signer.sealsWithReusedValidationData()).isEqualTo(2);
    }

    @Test
    void whatIsWrittenIsWhatDssWritesForTheSameFile() throws Exception {
        for (byte[] issued : List.of(second, third)) {
            List<Long> ends = PdfRevisions.revisionEnds(issued);
            byte[] sealedAtT = Arrays.copyOf(issued, Math.toIntExact(ends.get(ends.size() - 2)));
            byte[] byDss = signer.extendToLongTerm(sealedAtT);
            // the same update on the same file; not byte for byte: DSS itself orders the certificates
            // differently from one run to the next (and so the compressed cross-reference stream), and
            // PDFBox gives each save a new file identifier
            assertThat(Arrays.copyOf(byDss, sealedAtT.length)).isEqualTo(sealedAtT);
            SealValidationData.Gathered ours = SealValidationData.read(issued).orElseThrow();
            SealValidationData.Gathered theirs = SealValidationData.read(byDss).orElseThrow();
            assertThat(hex(ours.certs())).containsExactlyInAnyOrderElementsOf(hex(theirs.certs()));
            assertThat(hex(ours.crls())).containsExactlyInAnyOrderElementsOf(hex(theirs.crls()));
            assertThat(hex(ours.ocsps())).containsExactlyInAnyOrderElementsOf(hex(theirs.ocsps()));
            assertThat(catalog(issued)).isEqualTo(catalog(byDss));
        }
    }

    static List<String> hex(List<byte[]> tokens) {
        return tokens.stream().map(java.util.HexFormat.of()::formatHex).toList();
    }

    /** The catalog's entries and the developer extensions, as text. */
    static String catalog(byte[] pdf) throws Exception {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            var catalog = doc.getDocumentCatalog().getCOSObject();
            return catalog.keySet() + " "
                    + catalog.getDictionaryObject(org.apache.pdfbox.cos.COSName.getPDFName("Extensions"));
        }
    }

    @Test
    void theDocumentsPassDssWithTheirValidationDataInside() {
        SigningIdentity ca = keys.demoCertificateAuthority().orElseThrow();
        PadesValidation dss = new PadesValidation(
                        keys.trustAnchors(), new CaCrlSource(ca.certificate(), ca.privateKey()), false)
                .withOrganisation(List.of(keys.organisation().certificate()));
        for (byte[] issued : List.of(first, second, third)) {
            VerificationReport report = dss.verify(issued);
            assertThat(report.valid()).as(report.toString()).isTrue();
            assertThat(report.signatures())
                    .extracting(SignatureCheck::indication)
                    .containsOnly(VerificationReport.TOTAL_PASSED);
            assertThat(SealValidationData.read(issued)).isPresent().get().satisfies(found -> {
                assertThat(found.certs()).hasSizeGreaterThanOrEqualTo(3);
                assertThat(found.crls()).hasSize(1);
            });
        }
    }
}
