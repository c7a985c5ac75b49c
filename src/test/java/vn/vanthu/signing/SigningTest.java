package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.DocumentSheet;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.support.BesideTheOthers;
import vn.vanthu.support.MovableClock;

/**
 * Signing in the legal order, without Spring: the leader signs the text with number and date blank
 * (a certification signature, DocMDP P=2), the office fills them in, the organisation seals; each
 * signature checked with BouncyCastle and poppler's pdfsig, not with our own verifier.
 */
@BesideTheOthers // no Spring, nothing the others read
class SigningTest {

    @TempDir
    static Path data;

    static SigningKeys keys;
    static DocumentSigner signer;
    static SignatureImages images;
    static RenderedPdf rendered;
    static byte[] leaderSigned;
    static byte[] issued;
    /** A minute ago: DSS refuses a signing time outside the certificate's validity, and the demo certificates are made now. */
    static final Instant NOW =
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60);

    @BeforeAll
    static void issueOne() {
        keys = SigningKeys.demo(data);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        keys.ensureDemoOrganisation("Đảng ủy Khối các cơ quan tỉnh");
        signer = new DocumentSigner(keys, new TimestampAuthority(SigningProperties.demo(), keys));
        images = new SignatureImages(new SignatureImages.Settings(null, null));
        rendered = new DocumentRenderer().render(sheet());
        SigningIdentity leader = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        byte[] image = images.signer("bithu", leader.displayName());
        leaderSigned = signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), NOW);
        issued = seal(signer, keys, images, rendered, leaderSigned, "Số 117-GM/ĐUK", NOW.plusSeconds(30));
    }

    /** The office's number, date and seal on a text bithu signed, as DocumentIssuer applies them. */
    static byte[] seal(
            DocumentSigner signer,
            SigningKeys keys,
            SignatureImages images,
            RenderedPdf rendered,
            byte[] leaderSigned,
            String numberLine,
            Instant time) {
        byte[] image = images.signer("bithu", "Nguyễn Văn An");
        return signer.seal(
                leaderSigned,
                numberLine,
                "Quy Nhơn, ngày 28 tháng 11 năm 2026",
                keys.organisation(),
                images.seal(keys.organisationName()),
                rendered.signerArea(),
                DocumentSigner.leaderImageArea(rendered.signerArea(), image),
                keys.organisationName(),
                time);
    }

    @Test
    void bothSignaturesVerifyWithBouncyCastleAndCarryATimestamp() throws Exception {
        try (PDDocument doc = Loader.loadPDF(issued)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            assertThat(signatures).hasSize(2);
            assertThat(signatures).extracting(PDSignature::getSubFilter).containsOnly("ETSI.CAdES.detached");
            assertThat(signatures)
                    .extracting(PDSignature::getReason)
                    .containsExactly(DocumentSigner.REASON_SIGN, DocumentSigner.REASON_SEAL);
            List<String> signers = new ArrayList<>();
            for (PDSignature signature : signatures) {
                int[] br = signature.getByteRange();
                byte[] covered = new byte[br[1] + br[3]];
                System.arraycopy(issued, 0, covered, 0, br[1]);
                System.arraycopy(issued, br[2], covered, br[1], br[3]);
                CMSSignedData cms = new CMSSignedData(
                        new CMSProcessableByteArray(covered), SignedPdfs.firstObject(signature.getContents()));
                SignerInformation info =
                        cms.getSignerInfos().getSigners().iterator().next();
                @SuppressWarnings("unchecked")
                X509CertificateHolder cert = (X509CertificateHolder) cms.getCertificates()
                        .getMatches(info.getSID())
                        .iterator()
                        .next();
                assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert)))
                        .isTrue();
                // PAdES: signing-certificate-v2 and no CMS signing-time
                assertThat(info.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2))
                        .isNotNull();
                assertThat(info.getSignedAttributes().get(PKCSObjectIdentifiers.pkcs_9_at_signingTime))
                        .isNull();
                // PAdES B-T: an RFC 3161 signature timestamp over this signature's value, from the demo TSA
                var attribute = info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                assertThat(attribute).isNotNull();
                TimeStampToken token = new TimeStampToken(org.bouncycastle.asn1.cms.ContentInfo.getInstance(
                        attribute.getAttrValues().getObjectAt(0)));
                assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                        .isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(info.getSignature()));
                signers.add(SigningKeys.commonName(
                        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(cert)));
            }
            assertThat(signers).containsExactly("Nguyễn Văn An", "Đảng ủy Khối các cơ quan tỉnh");
        }
    }

    @Test
    void dssPassesBothSignaturesWithTheFillInBetweenThem() {
        SigningIdentity ca = keys.demoCertificateAuthority().orElseThrow();
        PadesValidation dss = new PadesValidation(
                        keys.trustAnchors(), new CaCrlSource(ca.certificate(), ca.privateKey()), false)
                .withOrganisation(List.of(keys.organisation().certificate()));
        VerificationReport report = dss.verify(issued);
        assertThat(report.valid()).as(report.toString()).isTrue();
        assertThat(report.verdict()).isEqualTo(VerificationReport.Verdict.ISSUED_ORIGINAL);
        assertThat(report.signatures())
                .extracting(SignatureCheck::indication)
                .containsOnly(VerificationReport.TOTAL_PASSED);
        assertThat(report.signatures())
                .allSatisfy(s -> assertThat(s.timestamp()).isNotNull());
        // PAdES B-LT: the certificates' CRLs are in the file (DSS dictionary), added after the seal
        try (PDDocument doc = Loader.loadPDF(issued)) {
            COSDictionary store = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            assertThat(store).isNotNull();
            assertThat(store.getCOSArray(COSName.getPDFName("CRLs"))).isNotEmpty();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(report.signatures().get(1).coversWholeFile())
                .as("only validation data after the seal")
                .isTrue();
        // DSS saw the office's filling-in between the two signatures, as the permitted kind of change
        eu.europa.esig.dss.spi.validation.CommonCertificateVerifier verifier =
                new eu.europa.esig.dss.spi.validation.CommonCertificateVerifier();
        eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource trusted =
                new eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource();
        keys.trustAnchors().forEach(a -> trusted.addCertificate(new eu.europa.esig.dss.model.x509.CertificateToken(a)));
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(new CaCrlSource(ca.certificate(), ca.privateKey()));
        eu.europa.esig.dss.pades.validation.PDFDocumentValidator validator =
                new eu.europa.esig.dss.pades.validation.PDFDocumentValidator(
                        new eu.europa.esig.dss.model.InMemoryDocument(issued));
        validator.setCertificateVerifier(verifier);
        var leaderSignature = validator.validateDocument().getDiagnosticData().getSignatures().stream()
                .filter(sig ->
                        "Nguyễn Văn An".equals(sig.getSigningCertificate().getCommonName()))
                .findFirst()
                .orElseThrow();
        assertThat(leaderSignature.getDocMDPPermissions())
                .isEqualTo(eu.europa.esig.dss.enumerations.CertificationPermission.MINIMAL_CHANGES_PERMITTED);
        assertThat(leaderSignature.getPdfSignatureOrFormFillChanges()).isNotEmpty();
        assertThat(leaderSignature.getPdfUndefinedChanges()).isEmpty();
        // the leader's signature alone, before the office filled anything in, passes too, and says so
        VerificationReport leaderOnly = dss.verify(leaderSigned);
        assertThat(leaderOnly.signatures()).allMatch(SignatureCheck::passed);
        assertThat(leaderOnly.verdict()).isEqualTo(VerificationReport.Verdict.SIGNED_NOT_ISSUED);
    }

    @Test
    void theLeaderCertifiesTheBlankTextAndPermitsOnlyFormFilling() throws Exception {
        try (PDDocument doc = Loader.loadPDF(issued)) {
            COSDictionary perms = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.PERMS);
            assertThat(perms).as("certification signature (DocMDP)").isNotNull();
            PDSignature docMdp = new PDSignature(perms.getCOSDictionary(COSName.DOCMDP));
            assertThat(docMdp.getReason()).isEqualTo(DocumentSigner.REASON_SIGN);
            COSDictionary transform = (COSDictionary)
                    docMdp.getCOSObject().getCOSArray(COSName.REFERENCE).getObject(0);
            assertThat(((COSDictionary) transform.getDictionaryObject(COSName.TRANSFORM_PARAMS)).getInt(COSName.P))
                    .isEqualTo(2);
        }
        // the leader's revision, cut out on its own, is exactly what was signed: fields empty
        int[] br = firstByteRange(issued);
        byte[] revision = Arrays.copyOf(issued, br[2] + br[3]);
        assertThat(revision).isEqualTo(leaderSigned);
        try (PDDocument doc = Loader.loadPDF(revision)) {
            assertThat(doc.getDocumentCatalog()
                            .getAcroForm()
                            .getField(IssueFields.NUMBER_FIELD)
                            .getValueAsString())
                    .isEmpty();
        }
        // the fill-in and the seal are appended: what the leader signed is a prefix of the issued file
        assertThat(Arrays.equals(leaderSigned, 0, leaderSigned.length, issued, 0, leaderSigned.length))
                .isTrue();
    }

    @Test
    void pdfsigFindsBothSignaturesValidAndTheNumberOnlyInTheFinalFile() throws Exception {
        assumeTrue(onPath("pdfsig"), "pdfsig (poppler-utils) not installed");
        Path file = data.resolve("issued.pdf");
        Files.write(file, issued);
        String output = run("pdfsig", file.toString());
        assertThat(count(output, "Signature Validation: Signature is Valid."))
                .as(output)
                .isEqualTo(2);
        assertThat(count(output, "Signature #")).as(output).isEqualTo(2);
        Path revision = data.resolve("leader.pdf");
        Files.write(revision, leaderSigned);
        assertThat(run("pdftotext", revision.toString(), "-")).doesNotContain("117-GM");
        assertThat(run("pdftotext", file.toString(), "-")).contains("Số 117-GM/ĐUK", "ngày 28 tháng 11 năm 2026");
        // one altered byte inside both byte ranges breaks them
        byte[] altered = issued.clone();
        int at = new String(altered, StandardCharsets.ISO_8859_1).indexOf("/Reason");
        altered[at + 2] = 'X';
        Path bad = data.resolve("altered.pdf");
        Files.write(bad, altered);
        assertThat(run("pdfsig", bad.toString())).doesNotContain("Signature is Valid");
    }

    @Test
    void aLeadersKeyOpensOnlyWithTheirPin() {
        assertThatThrownBy(() -> keys.signer("bithu", "0000".toCharArray()))
                .isInstanceOf(WrongPinException.class)
                .hasMessageNotContaining("0000");
        assertThatThrownBy(() -> keys.signer("bithu", null)).isInstanceOf(WrongPinException.class);
        assertThatThrownBy(() -> keys.signer("nobody", "demo".toCharArray())).isInstanceOf(NoSigningKeyException.class);
        assertThatThrownBy(() -> keys.signer("organisation", "demo".toCharArray()))
                .isInstanceOf(NoSigningKeyException.class);
        assertThatThrownBy(() -> keys.signer("../keys/demo-keys", "demo".toCharArray()))
                .isInstanceOf(NoSigningKeyException.class);
        assertThat(keys.signer("BiThu", "demo".toCharArray()).displayName()).isEqualTo("Nguyễn Văn An");
    }

    @Test
    void changingThePinReEncryptsTheKey(@TempDir Path dir) {
        SigningKeys own = SigningKeys.demo(dir);
        own.ensureDemoSigner("phobithu", "Trần Thị Bình");
        X509Certificate before = own.signerCertificate("phobithu");
        own.changePin("phobithu", "demo".toCharArray(), "4821-new".toCharArray());
        assertThatThrownBy(() -> own.signer("phobithu", "demo".toCharArray())).isInstanceOf(WrongPinException.class);
        assertThat(own.signer("phobithu", "4821-new".toCharArray()).certificate())
                .isEqualTo(before);
        // the demo keys survive a restart: same CA, same leader certificate
        SigningKeys again = SigningKeys.demo(dir);
        again.ensureDemoSigner("phobithu", "Trần Thị Bình");
        assertThat(again.signerCertificate("phobithu")).isEqualTo(before);
        assertThat(again.trustAnchors()).isEqualTo(own.trustAnchors());
    }

    @Test
    void fiveWrongPinsBlockTheKeyForFifteenMinutesAndTellTheOwner(@TempDir Path dir) {
        SigningKeys own = SigningKeys.demo(dir);
        own.ensureDemoSigner("bithu", "Nguyễn Văn An");
        MovableClock clock = new MovableClock(NOW);
        List<Object> published = new ArrayList<>();
        SigningPins pins = new SigningPins(own, new SigningPins.Settings(null, null), clock, published::add);
        for (int i = 1; i <= 4; i++) {
            assertThatThrownBy(() -> pins.open("bithu", "wrong")).isInstanceOf(WrongPinException.class);
            assertThat(pins.attemptsLeft("bithu")).isEqualTo(5 - i);
        }
        // each wrong PIN is published for the audit trail, with the attempts left
        assertThat(published)
                .extracting(e -> ((SigningPinRefused) e).attemptsLeft())
                .containsExactly(4, 3, 2, 1);
        assertThatThrownBy(() -> pins.open("bithu", "wrong")).isInstanceOf(WrongPinException.class);
        assertThat(published)
                .filteredOn(e -> !(e instanceof SigningPinRefused))
                .singleElement()
                .isInstanceOfSatisfying(SigningKeyBlocked.class, blocked -> {
                    assertThat(blocked.userId()).isEqualTo("bithu");
                    assertThat(blocked.until()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
                });
        // blocked: even the right PIN is refused until the time is up
        assertThatThrownBy(() -> pins.open("bithu", "demo")).isInstanceOf(SigningPins.KeyBlockedException.class);
        clock.move(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(pins.open("bithu", "demo").id()).isEqualTo("bithu");
        // a right PIN clears the count
        assertThatThrownBy(() -> pins.open("bithu", "wrong")).isInstanceOf(WrongPinException.class);
        pins.open("bithu", "demo");
        assertThat(pins.attemptsLeft("bithu")).isEqualTo(5);
    }

    @Test
    void aProductionFolderOfKeysEachUnderItsOwnersPin(@TempDir Path dir) throws Exception {
        // made by the demo CA here; in production the office's CA issues them
        SigningKeys demo = SigningKeys.demo(dir.resolve("ca"));
        demo.ensureDemoSigner("bithu", "Nguyễn Văn An");
        demo.ensureDemoOrganisation("Đảng ủy Khối");
        Path signers = Files.createDirectories(dir.resolve("signers"));
        SigningIdentity source = demo.signer("bithu", "demo".toCharArray());
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry(
                "bithu",
                source.privateKey(),
                "7731".toCharArray(),
                source.chain().toArray(new Certificate[0]));
        try (var out = Files.newOutputStream(signers.resolve("bithu.p12"))) {
            p12.store(out, "7731".toCharArray());
        }
        Files.write(signers.resolve("bithu.cer"), source.certificate().getEncoded());
        KeyStore org = KeyStore.getInstance("PKCS12");
        org.load(null, null);
        SigningIdentity seal = demo.organisation();
        org.setKeyEntry(
                "organisation",
                seal.privateKey(),
                "s3cret".toCharArray(),
                seal.chain().toArray(new Certificate[0]));
        Path orgFile = dir.resolve("organisation.p12");
        try (var out = Files.newOutputStream(orgFile)) {
            org.store(out, "s3cret".toCharArray());
        }
        SigningKeys production = new SigningKeys(
                new SigningProperties(
                        orgFile.toString(), "s3cret", null, "Đảng ủy Khối", null, signers.toString(), null, null),
                dir);
        assertThat(production.demoMode()).isFalse();
        assertThat(production.signer("bithu", "7731".toCharArray()).certificate())
                .isEqualTo(source.certificate());
        assertThatThrownBy(() -> production.signer("bithu", "demo".toCharArray()))
                .isInstanceOf(WrongPinException.class);
        assertThat(production.organisation().certificate()).isEqualTo(seal.certificate());
        assertThat(production.demoTimestampAuthority()).isEmpty();
        assertThatThrownBy(() -> new TimestampAuthority(
                        new SigningProperties(
                                orgFile.toString(),
                                "s3cret",
                                null,
                                null,
                                null,
                                null,
                                SigningProperties.EMBEDDED_TSA,
                                null),
                        production))
                .hasMessageContaining("embedded default only");
    }

    @Test
    void withoutATimestampServiceTheSignaturesArePadesBaselineB(@TempDir Path dir) throws Exception {
        SigningKeys own = SigningKeys.demo(dir);
        own.ensureDemoSigner("bithu", "Nguyễn Văn An");
        DocumentSigner noTsa = new DocumentSigner(
                own, new TimestampAuthority(new SigningProperties(null, null, null, null, null, null, "", null), own));
        SigningIdentity leader = own.signer("bithu", "demo".toCharArray());
        byte[] signed = noTsa.signAsLeader(
                rendered.pdf(), leader, images.signer("bithu", leader.displayName()), rendered.signerArea(), NOW);
        try (PDDocument doc = Loader.loadPDF(signed)) {
            PDSignature signature = doc.getSignatureDictionaries().get(0);
            CMSSignedData cms = new CMSSignedData(SignedPdfs.firstObject(signature.getContents()));
            SignerInformation info =
                    cms.getSignerInfos().getSigners().iterator().next();
            assertThat(info.getUnsignedAttributes() == null
                            || info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken)
                                    == null)
                    .isTrue();
        }
    }

    @Test
    void bothSignatureImagesReachTheFileWithTheirTransparencyAsPdfboxMakesThem() throws Exception {
        byte[][] pngs = {images.signer("bithu", "Nguyễn Văn An"), images.seal(keys.organisationName())};
        try (PDDocument doc = Loader.loadPDF(issued)) {
            var fields = doc.getDocumentCatalog().getAcroForm().getFields().stream()
                    .filter(f -> f instanceof org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField)
                    .toList();
            assertThat(fields).hasSize(2);
            for (int i = 0; i < 2; i++) {
                var appearance = fields.get(i)
                        .getWidgets()
                        .get(0)
                        .getAppearance()
                        .getNormalAppearance()
                        .getAppearanceStream();
                List<org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject> drawn = new java.util.ArrayList<>();
                imagesIn(appearance.getResources(), drawn);
                assertThat(drawn).hasSize(1);
                try (PDDocument scratch = new PDDocument()) {
                    var expected = org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject.createFromByteArray(
                            scratch, pngs[i], "image.png");
                    var got = drawn.get(0);
                    assertThat(SignatureImageObjectsTest.raw(got.getCOSObject()))
                            .isEqualTo(SignatureImageObjectsTest.raw(expected.getCOSObject()));
                    assertThat(SignatureImageObjectsTest.raw(
                                    got.getCOSObject().getCOSStream(org.apache.pdfbox.cos.COSName.SMASK)))
                            .isEqualTo(SignatureImageObjectsTest.raw(
                                    expected.getCOSObject().getCOSStream(org.apache.pdfbox.cos.COSName.SMASK)));
                    assertThat(SignatureImageObjectsTest.pixels(got.getImage()))
                            .isEqualTo(SignatureImageObjectsTest.pixels(expected.getImage()));
                }
            }
        }
    }

    static void imagesIn(
            org.apache.pdfbox.pdmodel.PDResources resources,
            List<org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject> found)
            throws java.io.IOException {
        if (resources == null) {
            return;
        }
        for (var name : resources.getXObjectNames()) {
            var object = resources.getXObject(name);
            if (object instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject image) {
                found.add(image);
            } else if (object instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                imagesIn(form.getResources(), found);
            }
        }
    }

    @Test
    void theSealLiesOverTheLeftThirdOfTheSignatureAndInsideTheSigningArea() throws Exception {
        RenderedPdf.Area area = rendered.signerArea();
        RenderedPdf.Area image = DocumentSigner.leaderImageArea(area, images.signer("bithu", "Nguyễn Văn An"));
        try (PDDocument doc = Loader.loadPDF(issued)) {
            var fields = doc.getDocumentCatalog().getAcroForm().getFields().stream()
                    .filter(f -> f instanceof org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField)
                    .toList();
            assertThat(fields).hasSize(2);
            org.apache.pdfbox.pdmodel.common.PDRectangle leader =
                    fields.get(0).getWidgets().get(0).getRectangle();
            org.apache.pdfbox.pdmodel.common.PDRectangle seal =
                    fields.get(1).getWidgets().get(0).getRectangle();
            // the leader's image where DocumentSigner says, centred in the area
            assertThat(leader.getLowerLeftX()).isCloseTo(image.x(), org.assertj.core.data.Offset.offset(1f));
            // the seal never reaches above the area (the position lines) or below it (the name)
            assertThat(seal.getUpperRightY()).isLessThanOrEqualTo(area.y() + area.height() + 1);
            assertThat(seal.getLowerLeftY()).isGreaterThanOrEqualTo(area.y() - 1);
            // nor further left than the gap between the columns
            assertThat(seal.getLowerLeftX()).isGreaterThanOrEqualTo(area.x() - 14 * 72f / 25.4f - 1);
            // it overlaps the leader's image from the left, up to about its left third
            float ringRight = seal.getLowerLeftX() + seal.getWidth() / 2 + 35 * 72f / 25.4f / 2;
            assertThat(ringRight).isBetween(image.x() + image.width() / 4, image.x() + image.width() / 2);
            assertThat(seal.getLowerLeftX()).isLessThan(image.x());
        }
    }

    @Test
    void theTextTheLeaderSignsCarriesBothSignatureFieldsTheSealsLockedAndTheSameEveryTime() throws Exception {
        byte[] image = images.signer("bithu", "Nguyễn Văn An");
        byte[] once = signer.withSignatureFields(rendered.pdf(), image, rendered.signerArea());
        // the two phases of a remote or token signature prepare it apart and must sign the same bytes
        assertThat(signer.withSignatureFields(rendered.pdf(), image, rendered.signerArea()))
                .isEqualTo(once);
        try (PDDocument doc = Loader.loadPDF(issued)) {
            var form = doc.getDocumentCatalog().getAcroForm();
            var seal =
                    (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField) form.getField(SignatureFields.SEAL);
            COSDictionary lock = seal.getCOSObject().getCOSDictionary(COSName.getPDFName("Lock"));
            assertThat(lock.getNameAsString(COSName.getPDFName("Action"))).isEqualTo("All");
            assertThat(lock.getInt(COSName.P)).isEqualTo(1);
            assertThat(seal.getSignature().getReason()).isEqualTo(DocumentSigner.REASON_SEAL);
            var leader =
                    (org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField) form.getField(SignatureFields.LEADER);
            assertThat(leader.getSignature().getReason()).isEqualTo(DocumentSigner.REASON_SIGN);
            assertThat(form.getCOSObject().containsKey(COSName.NEED_APPEARANCES))
                    .isFalse();
        }
    }

    @Test
    void atLevelBltaADocumentTimestampFollowsTheSealAndTheFileStaysAnIssuedOriginal() throws Exception {
        DocumentSigner lta = new DocumentSigner(
                keys,
                new TimestampAuthority(SigningProperties.demo(), keys),
                images,
                new SignatureLevelProperties(SignatureLevelProperties.Level.B_LTA),
                null);
        byte[] archived = seal(lta, keys, images, rendered, leaderSigned, "Số 118-GM/ĐUK", NOW.plusSeconds(30));
        Path out = Path.of("target", "signature-block");
        Files.createDirectories(out);
        Files.write(out.resolve("issued-lta.pdf"), archived);
        SigningIdentity ca = keys.demoCertificateAuthority().orElseThrow();
        VerificationReport report = new PadesValidation(
                        keys.trustAnchors(), new CaCrlSource(ca.certificate(), ca.privateKey()), false)
                .withOrganisation(List.of(keys.organisation().certificate()))
                .verify(archived);
        assertThat(report.verdict()).as(report.toString()).isEqualTo(VerificationReport.Verdict.ISSUED_ORIGINAL);
        assertThat(report.signatures()).hasSize(3);
        assertThat(report.signatures().get(2).documentTimestamp()).isTrue();
    }

    @Test
    void theSignatureBlockPicture() throws Exception {
        // docs/images/signature-block.png is made from this file (pdftoppm); the test keeps it current
        Path out = Path.of("target", "signature-block");
        Files.createDirectories(out);
        Files.write(out.resolve("issued.pdf"), issued);
        Files.write(out.resolve("leader-signed.pdf"), leaderSigned);
        // the demo CA, for an outside validator (../shared/tools/outside-check issued.pdf ca.pem)
        Files.writeString(
                out.resolve("ca.pem"),
                "-----BEGIN CERTIFICATE-----\n"
                        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(keys.demoCertificateAuthority()
                                        .orElseThrow()
                                        .certificate()
                                        .getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        assertThat(SignedPdfs.lastSignerCertificate(issued))
                .isEqualTo(keys.organisation().certificate());
        assertThat(SignedPdfs.lastSignerCertificate(leaderSigned)).isEqualTo(keys.signerCertificate("bithu"));
    }

    // --- helpers

    static DocumentSheet sheet() {
        return vn.vanthu.support.SampleSheets.invitation();
    }

    static int[] firstByteRange(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getSignatureDictionaries().get(0).getByteRange();
        }
    }

    static boolean onPath(String command) {
        try {
            return new ProcessBuilder(command, "-v")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    >= 0;
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
