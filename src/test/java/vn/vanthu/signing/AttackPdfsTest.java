package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.signing.PdfRevisions.Change;
import vn.vanthu.support.BesideTheOthers;

/**
 * The attack files of {@link AttackPdfs} are real: each is the issued file plus exactly one
 * incremental update writing what the attack says, readable by PDFBox and poppler. Not whether the
 * validation refuses them: what {@link PadesValidation} says today is printed as a baseline, as is
 * what the issued file's own updates write. Every file goes to {@code target/attacks/}.
 */
@BesideTheOthers // no Spring, nothing the others read
class AttackPdfsTest {

    @TempDir
    static Path data;

    static final Path OUT = Path.of("target", "attacks");
    static final String FAKE = "GIẤY MỜI\n"
            + "Hội nghị sơ kết công tác xây dựng Đảng ĐỔI SANG ngày 20/12/2026 tại Hội trường tầng 1, "
            + "Khách sạn Hải Âu, Quy Nhơn.\n"
            + "Đề nghị các đồng chí chuyển khoản phí hội nghị trước ngày 15/12/2026.";

    static SigningKeys keys;
    static byte[] leaderSigned;
    static byte[] issued;
    /** name → attack file, in the order the baseline prints them */
    static final Map<String, byte[]> attacks = new LinkedHashMap<>();

    @BeforeAll
    static void issueOneAndAttackIt() throws Exception {
        // as SigningTest.issueOne: leader certifies, office fills in, organisation seals (B-LT)
        // two minutes ago (SigningTest: one): the seal at -90 s, so the shadow signature's "now minus
        // a minute" comes after it, as a real attacker's would
        Instant now =
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(120);
        keys = SigningKeys.demo(data);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        keys.ensureDemoSigner("phobithu", "Trần Thị Bình");
        keys.ensureDemoOrganisation("Đảng ủy Khối các cơ quan tỉnh");
        DocumentSigner signer = new DocumentSigner(keys, new TimestampAuthority(SigningProperties.demo(), keys));
        SignatureImages images = new SignatureImages(new SignatureImages.Settings(null, null));
        RenderedPdf rendered = new DocumentRenderer().render(SigningTest.sheet());
        SigningIdentity leader = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        byte[] image = images.signer("bithu", leader.displayName());
        leaderSigned = signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), now);
        issued = SigningTest.seal(signer, keys, images, rendered, leaderSigned, "Số 117-GM/ĐUK", now.plusSeconds(30));

        // another demo leader's key: chains to the demo CA the validator trusts
        SigningIdentity other = keys.signer("phobithu", "demo".toCharArray());
        attacks.put("shadow", AttackPdfs.shadowSignature(issued, other, FAKE));
        attacks.put("overlay", AttackPdfs.overlayAnnotation(issued));
        attacks.put("refill", AttackPdfs.refillNumber(issued, "Số 99-GM/ĐUK"));
        attacks.put("info", AttackPdfs.infoChange(issued, "Giấy mời (đã sửa)"));
        attacks.put("leader-only", AttackPdfs.leaderOnlyRevision(issued));
        // the same forgeries on the leader-signed file alone (before the number and the seal)
        attacks.put("leader-shadow", AttackPdfs.shadowSignature(leaderSigned, other, FAKE));
        attacks.put("leader-refill", AttackPdfs.refillNumber(leaderSigned, "Số 99-GM/ĐUK"));

        Files.createDirectories(OUT);
        Files.write(OUT.resolve("issued.pdf"), issued);
        for (var attack : attacks.entrySet()) {
            Files.write(OUT.resolve(attack.getKey() + ".pdf"), attack.getValue());
        }
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.demoCertificateAuthority()
                                .orElseThrow()
                                .certificate()
                                .getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(OUT.resolve("ca.pem"), pem);
    }

    @Test
    void eachAttackIsTheOriginalPlusOneIncrementalUpdate() {
        int issuedUpdates = PdfRevisions.updates(issued).size();
        for (String name : List.of("shadow", "overlay", "refill", "info")) {
            byte[] attack = attacks.get(name);
            assertThat(Arrays.equals(issued, 0, issued.length, attack, 0, issued.length))
                    .as(name + ": the issued file is a prefix")
                    .isTrue();
            assertThat(PdfRevisions.revisionEnds(attack))
                    .as(name)
                    .hasSize(issuedUpdates + 2)
                    .contains((long) issued.length);
            assertThat(PdfRevisions.updates(attack)).as(name).hasSize(issuedUpdates + 1);
        }
        for (String name : List.of("leader-shadow", "leader-refill")) {
            byte[] attack = attacks.get(name);
            assertThat(Arrays.equals(leaderSigned, 0, leaderSigned.length, attack, 0, leaderSigned.length))
                    .as(name)
                    .isTrue();
            assertThat(PdfRevisions.updates(attack))
                    .as(name)
                    .hasSize(PdfRevisions.updates(leaderSigned).size() + 1);
        }
    }

    @Test
    void theShadowSignatureCoversPageOneUnderAThirdSignature() throws Exception {
        byte[] shadow = attacks.get("shadow");
        List<Change> update = last(shadow);
        String listing = PdfRevisions.listing(List.of(update));
        assertThat(update).as(listing).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(PdfRevisions.SIGNATURE_FIELD);
            assertThat(c.rewritten()).isFalse();
            assertThat(c.detail()).contains("/Subtype /Widget");
        });
        assertThat(update).as(listing).anyMatch(c -> c.kind().equals(PdfRevisions.SIGNATURE_VALUE) && !c.rewritten());
        assertThat(update).as(listing).anyMatch(c -> c.kind().equals(PdfRevisions.APPEARANCE_STREAM) && !c.rewritten());
        assertThat(update).as(listing).anyMatch(c -> c.kind().equals(PdfRevisions.IMAGE) && !c.rewritten());
        // the new field joins the form and the page: those two are rewritten
        assertThat(rewritten(update)).as(listing).contains(PdfRevisions.ACROFORM, PdfRevisions.PAGE);

        try (PDDocument doc = Loader.loadPDF(shadow)) {
            assertThat(doc.getSignatureDictionaries()).hasSize(3);
            assertThat(doc.getSignatureDictionaries().get(2).getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            PDRectangle page = doc.getPage(0).getMediaBox();
            List<PDSignatureField> fields = doc.getSignatureFields();
            PDRectangle widget =
                    fields.get(fields.size() - 1).getWidgets().get(0).getRectangle();
            assertThat(new float[] {
                        widget.getLowerLeftX(), widget.getLowerLeftY(), widget.getUpperRightX(), widget.getUpperRightY()
                    })
                    .as("the new widget covers page 1")
                    .containsExactly(
                            new float[] {
                                page.getLowerLeftX(), page.getLowerLeftY(), page.getUpperRightX(), page.getUpperRightY()
                            },
                            org.assertj.core.data.Offset.offset(0.01f));
        }
        assumeTrue(SigningTest.onPath("pdfsig"), "pdfsig (poppler-utils) not installed");
        Path file = OUT.resolve("shadow.pdf");
        String pdfsig = SigningTest.run("pdfsig", file.toString());
        assertThat(SigningTest.count(pdfsig, "Signature #")).as(pdfsig).isEqualTo(3);
        String third = pdfsig.substring(pdfsig.indexOf("Signature #3"));
        assertThat(third).as(pdfsig).contains("Signature is Valid").contains("Trần Thị Bình");
        // rendered by poppler: the fake page is what a reader sees (look at shadow-1.png)
        Path png = render("shadow");
        assertThat(Files.readAllBytes(png)).isNotEqualTo(Files.readAllBytes(render("issued")));
        assertThat(SigningTest.run("pdftotext", file.toString(), "-"))
                .as("the fake page is an image: the text layer is still the genuine one")
                .contains("Số 117-GM/ĐUK");
    }

    @Test
    void theOverlayAddsOneAnnotationAndRewritesOnlyThePage() throws Exception {
        byte[] overlay = attacks.get("overlay");
        List<Change> update = last(overlay);
        String listing = PdfRevisions.listing(List.of(update));
        assertThat(rewritten(update)).as(listing).containsExactly(PdfRevisions.PAGE);
        assertThat(update).as(listing).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(PdfRevisions.ANNOTATION);
            assertThat(c.detail()).contains("/Subtype /FreeText");
        });
        assertThat(update).as(listing).anyMatch(c -> c.kind().equals(PdfRevisions.APPEARANCE_STREAM));
        assertThat(update)
                .as(listing)
                .allMatch(c -> c.rewritten()
                        || c.isFont()
                        || c.kind().equals(PdfRevisions.ANNOTATION)
                        || APPEARANCE_PARTS.contains(c.kind()));
        try (PDDocument doc = Loader.loadPDF(overlay)) {
            assertThat(doc.getPage(0).getAnnotations())
                    .anyMatch(a ->
                            "FreeText".equals(a.getSubtype()) && a.getContents().contains("99-GM"));
        }
        assumeTrue(SigningTest.onPath("pdftotext"), "pdftotext (poppler-utils) not installed");
        // the genuine number is still in the text layer, under the annotation: the two interleave
        assertThat(SigningTest.run("pdftotext", OUT.resolve("overlay.pdf").toString(), "-"))
                .contains("99-GM/ĐUK");
        render("overlay");
    }

    @Test
    void theRefillRewritesTheNumberFieldWithANewAppearanceAndItsOwnFont() throws Exception {
        for (String name : List.of("refill", "leader-refill")) {
            byte[] refill = attacks.get(name);
            List<Change> update = last(refill);
            String listing = name + "\n" + PdfRevisions.listing(List.of(update));
            assertThat(update)
                    .as(listing)
                    .filteredOn(Change::rewritten)
                    .singleElement()
                    .satisfies(c -> {
                        assertThat(c.kind()).isEqualTo(PdfRevisions.TEXT_FIELD);
                        assertThat(c.fieldName()).isEqualTo(IssueFields.NUMBER_FIELD);
                    });
            assertThat(update).as(listing).anySatisfy(c -> {
                assertThat(c.kind()).isEqualTo(PdfRevisions.APPEARANCE_STREAM);
                assertThat(c.fieldName()).isEqualTo(IssueFields.NUMBER_FIELD);
            });
            assertThat(update).as(listing).anyMatch(c -> c.kind().equals(PdfRevisions.FONT_FILE));
            assertThat(update)
                    .as(listing)
                    .allMatch(c -> c.rewritten() || c.isFont() || APPEARANCE_PARTS.contains(c.kind()));
            try (PDDocument doc = Loader.loadPDF(refill)) {
                var field = doc.getDocumentCatalog().getAcroForm().getField(IssueFields.NUMBER_FIELD);
                assertThat(field.getValueAsString()).isEqualTo("Số 99-GM/ĐUK");
                var resources =
                        field.getWidgets().get(0).getNormalAppearanceStream().getResources();
                assertThat(resources.getFontNames())
                        .as("the appearance's own font")
                        .isNotEmpty();
            }
        }
        assumeTrue(SigningTest.onPath("pdftotext"), "pdftotext (poppler-utils) not installed");
        String text = SigningTest.run("pdftotext", OUT.resolve("refill.pdf").toString(), "-");
        assertThat(text).contains("Số 99-GM/ĐUK").doesNotContain("117-GM");
        render("refill");
    }

    @Test
    void theInfoChangeTouchesInfoMetadataAndTheDss() throws Exception {
        byte[] info = attacks.get("info");
        List<Change> update = last(info);
        String listing = PdfRevisions.listing(List.of(update));
        assertThat(update)
                .as(listing)
                .extracting(Change::kind)
                .contains(PdfRevisions.INFO, PdfRevisions.METADATA)
                .containsAnyOf(PdfRevisions.DSS, PdfRevisions.CATALOG);
        try (PDDocument doc = Loader.loadPDF(info)) {
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("Giấy mời (đã sửa)");
            String xmp = new String(
                    doc.getDocumentCatalog().getMetadata().exportXMPMetadata().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("Giấy mời (đã sửa)");
            var dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(dss.getCOSDictionary(COSName.getPDFName("VRI"))).isNotNull();
            assertThat(dss.getCOSArray(COSName.getPDFName("CRLs"))).isNotEmpty();
        }
    }

    @Test
    void theLeaderOnlyRevisionIsWhatTheLeaderSigned() {
        assertThat(attacks.get("leader-only")).isEqualTo(leaderSigned);
    }

    /** Our check judges like a strict outside validator: each forgery refused, the original accepted. */
    @Test
    void theValidationRefusesEveryForgeryAndAcceptsTheOriginal() throws Exception {
        SigningIdentity ca = keys.demoCertificateAuthority().orElseThrow();
        PadesValidation validation = new PadesValidation(
                        keys.trustAnchors(), new CaCrlSource(ca.certificate(), ca.privateKey()), false)
                .withOrganisation(List.of(keys.organisation().certificate()));
        Map<String, VerificationReport.Verdict> expected = new LinkedHashMap<>();
        expected.put("shadow", VerificationReport.Verdict.MODIFIED);
        expected.put("overlay", VerificationReport.Verdict.MODIFIED);
        expected.put("refill", VerificationReport.Verdict.MODIFIED);
        expected.put("info", VerificationReport.Verdict.MODIFIED);
        expected.put("leader-only", VerificationReport.Verdict.SIGNED_NOT_ISSUED);
        expected.put("leader-shadow", VerificationReport.Verdict.MODIFIED);
        expected.put("leader-refill", VerificationReport.Verdict.MODIFIED);
        StringBuilder out = new StringBuilder();
        VerificationReport original = validation.verify(issued);
        out.append("issued: ").append(original).append('\n');
        for (var attack : attacks.entrySet()) {
            out.append(attack.getKey())
                    .append(": ")
                    .append(validation.verify(attack.getValue()))
                    .append('\n');
        }
        Files.writeString(OUT.resolve("verdicts.txt"), out);
        assertThat(original.verdict()).as(out.toString()).isEqualTo(VerificationReport.Verdict.ISSUED_ORIGINAL);
        assertThat(original.valid()).isTrue();
        for (var attack : attacks.entrySet()) {
            VerificationReport report = validation.verify(attack.getValue());
            assertThat(report.verdict()).as(attack.getKey() + "\n" + out).isEqualTo(expected.get(attack.getKey()));
            assertThat(report.valid()).as(attack.getKey()).isFalse();
            assertThat(report.reason()).as(attack.getKey()).isNotBlank();
        }
        assertThat(validation.verify(attacks.get("leader-only")).reason()).isEqualTo(PadesValidation.NOT_ISSUED);
        assertThat(validation.verify(attacks.get("info")).reason()).isEqualTo(PadesValidation.CHANGED_AFTER_SEAL);
        assertThat(validation.verify(attacks.get("shadow")).reason()).startsWith(PadesValidation.FOREIGN_SIGNATURE);
    }

    /**
     * Item 1 of issue 22: the leader's revision is rewritten only where filling in and signing must, never a
     * font, the form's default resources or a page; after the seal only validation data.
     */
    @Test
    void eachUpdateOfTheIssuedFileRewritesOnlyWhatFillingInAndSigningMay() throws Exception {
        List<List<Change>> updates = PdfRevisions.updates(issued);
        String listing = PdfRevisions.listing(updates);
        Files.writeString(OUT.resolve("issued-updates.txt"), listing);
        assertThat(updates).as(listing).hasSize(3);
        // 1: the leader signs the field made for it (the catalog gets /Perms, the form /SigFlags)
        assertThat(rewritten(updates.get(0)))
                .as(listing)
                .containsExactlyInAnyOrder(PdfRevisions.CATALOG, PdfRevisions.ACROFORM, PdfRevisions.SIGNATURE_FIELD);
        assertThat(fieldsRewritten(updates.get(0))).containsExactly(SignatureFields.LEADER);
        // 2: the number and date filled in and the seal, in one update
        assertThat(rewritten(updates.get(1)))
                .as(listing)
                .containsExactlyInAnyOrder(
                        PdfRevisions.CATALOG,
                        PdfRevisions.ACROFORM,
                        PdfRevisions.TEXT_FIELD,
                        PdfRevisions.TEXT_FIELD,
                        PdfRevisions.SIGNATURE_FIELD);
        assertThat(fieldsRewritten(updates.get(1)))
                .containsExactlyInAnyOrder(IssueFields.NUMBER_FIELD, IssueFields.DATE_FIELD, SignatureFields.SEAL);
        // 3: B-LT, validation data only
        assertThat(rewritten(updates.get(2))).as(listing).containsExactly(PdfRevisions.CATALOG);
        assertThat(updates.get(2))
                .extracting(Change::kind)
                .as(listing)
                .containsOnly(
                        PdfRevisions.CATALOG,
                        PdfRevisions.DSS,
                        PdfRevisions.CERTIFICATE,
                        PdfRevisions.CRL,
                        PdfRevisions.XREF_STREAM);
        // and no revision asks viewers to redraw what was signed
        try (PDDocument doc = Loader.loadPDF(issued)) {
            assertThat(doc.getDocumentCatalog().getAcroForm().getCOSObject().containsKey(COSName.NEED_APPEARANCES))
                    .isFalse();
        }
        try (PDDocument doc = Loader.loadPDF(leaderSigned)) {
            assertThat(doc.getDocumentCatalog().getAcroForm().getCOSObject().containsKey(COSName.NEED_APPEARANCES))
                    .isFalse();
        }
    }

    static List<String> fieldsRewritten(List<Change> update) {
        return update.stream()
                .filter(Change::rewritten)
                .filter(c -> c.fieldName() != null)
                .map(Change::fieldName)
                .toList();
    }

    // --- helpers

    /** What a new appearance brings along: PDFBox writes each of its dictionaries as an object. */
    static final List<String> APPEARANCE_PARTS = List.of(
            PdfRevisions.APPEARANCE_DICTIONARY,
            PdfRevisions.APPEARANCE_STREAM,
            PdfRevisions.RESOURCES,
            PdfRevisions.XREF_STREAM);

    /** Page 1 of target/attacks/{name}.pdf as poppler renders it, at 40 dpi: {name}-1.png. */
    static Path render(String name) throws Exception {
        SigningTest.run(
                "pdftoppm",
                "-r",
                "40",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                OUT.resolve(name + ".pdf").toString(),
                OUT.resolve(name).toString());
        Path png = OUT.resolve(name + "-1.png");
        assertThat(png).as("pdftoppm rendered " + name).exists();
        return png;
    }

    static List<Change> last(byte[] pdf) {
        List<List<Change>> updates = PdfRevisions.updates(pdf);
        return updates.get(updates.size() - 1);
    }

    static List<String> rewritten(List<Change> update) {
        return update.stream()
                .filter(Change::rewritten)
                .filter(Predicate.not(c -> c.kind().equals(PdfRevisions.XREF_STREAM)))
                .map(Change::kind)
                .toList();
    }
}
