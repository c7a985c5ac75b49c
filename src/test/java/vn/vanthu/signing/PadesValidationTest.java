package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.BesideTheOthers;

/**
 * DSS validation without Spring, with a CA, signers and a TSA the test makes: what is valid, what is not, and
 * that a form field filled in after a certification signature that permits it (DocMDP P=2) is not a failure.
 */
@BesideTheOthers // no Spring, nothing the others read
class PadesValidationTest {

    static TestPki.Party ca;
    static TestPki.Party leader;
    static TestPki.Party organisation;
    static TestPki.Party tsa;
    static PadesValidation validation;

    @BeforeAll
    static void pki() {
        ca = TestPki.ca("Test CA");
        leader = ca.issue("Nguyễn Văn An", false);
        organisation = ca.issue("Đảng ủy Khối các cơ quan tỉnh", false);
        tsa = ca.issue("Test TSA", true);
        validation = new PadesValidation(List.of(ca.certificate()), ca.crls(), false)
                .withOrganisation(List.of(organisation.certificate()));
    }

    /** The flow of issuing: leader certifies (P=2) with a timestamp, number filled in later, then the seal. */
    @Test
    void formFillPermittedByTheFirstSignatureKeepsEverySignaturePassed() throws Exception {
        byte[] certified = TestPki.sign(formPdf(), leader, CertificationPermission.CHANGES_PERMITTED, tsa.tsa());
        byte[] filled = fill(certified, "so", "117-GM/DUK");
        byte[] sealed = TestPki.sign(filled, organisation, null, tsa.tsa());

        VerificationReport report = validation.verify(sealed);
        assertThat(report.valid()).as(String.valueOf(report)).isTrue();
        assertThat(report.indication()).isEqualTo("TOTAL_PASSED");
        assertThat(report.signatures()).hasSize(2).allSatisfy(s -> {
            assertThat(s.indication()).isEqualTo("TOTAL_PASSED");
            assertThat(s.certificateTrusted()).isTrue();
            assertThat(s.timestamp())
                    .as("signature timestamp from a TSA the anchor issued")
                    .isNotNull();
        });
        assertThat(report.signatures())
                .extracting(SignatureCheck::signer)
                .containsExactly("Nguyễn Văn An", "Đảng ủy Khối các cơ quan tỉnh");
        // DSS did see the fill-in: it is permitted, not unnoticed
        SignatureWrapper first = diagnostic(sealed).getSignatures().stream()
                .filter(s -> "Nguyễn Văn An".equals(s.getSigningCertificate().getCommonName()))
                .findFirst()
                .orElseThrow();
        assertThat(first.getDocMDPPermissions()).isEqualTo(CertificationPermission.CHANGES_PERMITTED);
        assertThat(first.getPdfSignatureOrFormFillChanges()).isNotEmpty();
        assertThat(first.getPdfUndefinedChanges()).isEmpty();
    }

    /** The same fill-in after a certification that forbids any change fails the first signature. */
    @Test
    void formFillForbiddenByTheFirstSignatureIsNotValid() throws Exception {
        byte[] certified = TestPki.sign(formPdf(), leader, CertificationPermission.NO_CHANGE_PERMITTED, null);
        // DSS itself refuses to add a signature here, so the change stays unsigned
        VerificationReport report = validation.verify(fill(certified, "so", "117-GM/DUK"));
        assertThat(report.valid()).isFalse();
        assertThat(report.signatures().get(0).indication())
                .as(String.valueOf(report))
                .isEqualTo("TOTAL_FAILED");
    }

    /** Page content changed in a later revision, then signed by another key of the same trusted CA. */
    @Test
    void pageContentPaintedOverAndSignedAgainByATrustedKeyIsNotValid() throws Exception {
        byte[] genuine = TestPki.sign(TestPki.sign(formPdf(), leader, null, null), organisation, null, null);
        assertThat(validation.verify(genuine).valid()).isTrue();
        TestPki.Party insider = ca.issue("Người khác", false);
        byte[] forged = TestPki.sign(paintOver(genuine, "MEETING MOVED"), insider, null, null);
        VerificationReport report = validation.verify(forged);
        assertThat(report.valid()).as(String.valueOf(report)).isFalse();
        assertThat(report.signatures()).hasSize(3);
        assertThat(report.signatures().get(2).indication()).isEqualTo("TOTAL_PASSED");
        assertThat(report.signatures().subList(0, 2)).noneMatch(SignatureCheck::passed);
        assertThat(report.indication()).isNotEqualTo("TOTAL_PASSED");
    }

    @Test
    void aSelfMadeCertificateWithTheLeadersNameIsNotTrusted() throws Exception {
        byte[] forged = TestPki.sign(formPdf(), TestPki.selfSigned("Nguyễn Văn An"), null, null);
        VerificationReport report = validation.verify(forged);
        assertThat(report.valid()).isFalse();
        assertThat(report.indication()).isEqualTo("INDETERMINATE");
        assertThat(report.signatures()).singleElement().satisfies(s -> {
            assertThat(s.signer()).isEqualTo("Nguyễn Văn An");
            assertThat(s.intact()).isTrue();
            assertThat(s.certificateTrusted()).isFalse();
            assertThat(s.subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        });
        assertThat(report.reason()).contains(PadesValidation.UNTRUSTED);
    }

    @Test
    void aCertificateOfAnotherCaIsNotTrusted() throws Exception {
        TestPki.Party other = TestPki.ca("Other CA");
        byte[] signed = TestPki.sign(formPdf(), other.issue("Nguyễn Văn An", false), null, null);
        VerificationReport report = validation.verify(signed);
        assertThat(report.valid()).isFalse();
        assertThat(report.signatures().get(0).certificateTrusted()).isFalse();
        assertThat(report.signatures().get(0).subIndication()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThat(report.reason()).contains(PadesValidation.UNTRUSTED);
        // the same file passes for whoever trusts that CA (and, the leader's signature alone, is not issued)
        VerificationReport trusting =
                new PadesValidation(List.of(other.certificate()), other.crls(), false).verify(signed);
        assertThat(trusting.signatures()).allMatch(SignatureCheck::passed);
        assertThat(trusting.verdict()).isEqualTo(VerificationReport.Verdict.SIGNED_NOT_ISSUED);
    }

    @Test
    void aTimestampFromAnUntrustedTsaIsNotPassed() throws Exception {
        TestPki.Party rogueTsa = TestPki.ca("Rogue CA").issue("Rogue TSA", true);
        byte[] signed = TestPki.sign(formPdf(), leader, null, rogueTsa.tsa());
        VerificationReport report = validation.verify(signed);
        // the signature itself is fine now, but its time is not vouched for by anyone the office trusts
        assertThat(report.signatures().get(0).certificateTrusted()).isTrue();
        assertThat(report.signatures().get(0).timestamp()).isNull();
        assertThat(validation
                        .verify(TestPki.sign(formPdf(), leader, null, tsa.tsa()))
                        .signatures()
                        .get(0)
                        .timestamp())
                .isNotNull();
    }

    @Test
    void anUnsignedRevisionAfterTheLastSignatureIsReported() throws Exception {
        byte[] signed = TestPki.sign(formPdf(), leader, null, null);
        VerificationReport report = validation.verify(paintOver(signed, "MEETING MOVED"));
        assertThat(report.valid()).isFalse();
        assertThat(report.reason()).isEqualTo(PadesValidation.ADDED_AFTER);
        assertThat(report.signatures())
                .singleElement()
                .satisfies(s -> assertThat(s.coversWholeFile()).isFalse());
    }

    @Test
    void aDocumentTimestampFromATrustedTsaCountsAndFromAnotherDoesNot() throws Exception {
        // PAdES B-LTA's shape: the leader, the seal, then a document timestamp
        byte[] signed = TestPki.sign(TestPki.sign(formPdf(), leader, null, null), organisation, null, null);
        VerificationReport stamped = validation.verify(TestPki.documentTimestamp(signed, tsa.tsa()));
        assertThat(stamped.verdict()).as(String.valueOf(stamped)).isEqualTo(VerificationReport.Verdict.ISSUED_ORIGINAL);
        assertThat(stamped.signatures()).hasSize(3);
        SignatureCheck timestamp = stamped.signatures().get(2);
        assertThat(timestamp.documentTimestamp()).isTrue();
        assertThat(timestamp.signer()).isEqualTo("Test TSA");
        assertThat(timestamp.indication()).isEqualTo("TOTAL_PASSED");
        assertThat(timestamp.timestamp()).isNotNull();
        assertThat(timestamp.coversWholeFile()).isTrue();

        TestPki.Party rogueTsa = TestPki.ca("Rogue CA").issue("Rogue TSA", true);
        VerificationReport rogue = validation.verify(TestPki.documentTimestamp(signed, rogueTsa.tsa()));
        assertThat(rogue.valid()).isFalse();
        assertThat(rogue.signatures().get(2).indication()).isNotEqualTo("TOTAL_PASSED");
        assertThat(rogue.verdict()).isEqualTo(VerificationReport.Verdict.UNTRUSTED);
        assertThat(rogue.reason()).contains("đơn vị cấp dấu thời gian").endsWith("— dấu thời gian thứ 3 (Rogue TSA)");
    }

    @Test
    void garbageAndDamageNeverThrow() throws Exception {
        byte[] signed = TestPki.sign(formPdf(), leader, null, null);
        byte[] truncated = java.util.Arrays.copyOf(signed, signed.length - 300);
        byte[] fake = "%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange [0 10 20 5] /Contents <00> >>\n%%EOF"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (byte[] bad : new byte[][] {truncated, fake, new byte[] {'%', 'P', 'D', 'F', '-'}}) {
            VerificationReport report = validation.verify(bad);
            assertThat(report.valid()).isFalse();
            assertThat(report.reason()).isNotBlank();
        }
    }

    // --- helpers

    /** One page with text and a text field "so" for the number, filled in after the first signature. */
    static byte[] formPdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_ROMAN), 14);
                cs.newLineAtOffset(72, 760);
                cs.showText("GIAY MOI HOP - hop luc 8 gio sang thu Hai");
                cs.endText();
            }
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDResources resources = new PDResources();
            resources.put(COSName.HELV, new PDType1Font(Standard14Fonts.FontName.HELVETICA));
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 12 Tf 0 g");
            PDTextField field = new PDTextField(form);
            field.setPartialName("so");
            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(72, 700, 200, 20));
            widget.setPage(page);
            widget.setPrinted(true);
            page.getAnnotations().add(widget);
            form.getFields().add(field);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Sets a text field's value in an incremental update, as the issuing step fills in the number. */
    static byte[] fill(byte[] pdf, String fieldName, String value) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            PDTextField field = (PDTextField) form.getField(fieldName);
            field.setValue(value);
            field.getCOSObject().setNeedToBeUpdated(true);
            for (PDAnnotationWidget widget : field.getWidgets()) {
                widget.getCOSObject().setNeedToBeUpdated(true);
                widget.getAppearance().getCOSObject().setNeedToBeUpdated(true);
            }
            form.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /** A white box and new text over the page, appended as an incremental update with no signature. */
    static byte[] paintOver(byte[] pdf, String text) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDPage page = doc.getPage(0);
            try (PDPageContentStream cs =
                    new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true)) {
                cs.setNonStrokingColor(java.awt.Color.WHITE);
                cs.addRect(60, 740, 480, 60);
                cs.fill();
                cs.setNonStrokingColor(java.awt.Color.BLACK);
                cs.beginText();
                cs.setFont(new PDType1Font(Standard14Fonts.FontName.TIMES_BOLD), 18);
                cs.newLineAtOffset(72, 760);
                cs.showText(text);
                cs.endText();
            }
            page.getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getPages().getCOSObject().setNeedToBeUpdated(true);
            doc.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /** DSS's own diagnostic data, to see which modifications it detected. */
    static DiagnosticData diagnostic(byte[] pdf) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(ca.certificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(ca.crls());
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf));
        validator.setCertificateVerifier(verifier);
        return validator.validateDocument().getDiagnosticData();
    }
}
