package vn.vanthu.signing;

import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.springframework.stereotype.Component;

import vn.vanthu.rendering.LiberationSerif;

/**
 * Adds a PAdES baseline-B signature (ETSI.CAdES.detached, SHA-256, signing-certificate-v2, no CMS signing-time)
 * with an optional visible box, as an incremental update so that earlier signatures stay valid.
 */
@Component
public class PadesSigner {

    public static final String REASON_SIGN = "Ký ban hành";
    public static final String REASON_SEAL = "Đóng dấu";
    /**
     * Bytes reserved for the CMS beyond what a trial signature of the same identity takes: ECDSA
     * values vary by a few bytes, and a spare kilobyte costs 2 KB of zeros in hex, not 40 KB as a
     * fixed 20 KB reservation did in every email.
     */
    static final int SIGNATURE_SPARE = 1024;

    private static final Color SIGNER_COLOR = new Color(0, 51, 153);
    private static final Color SEAL_COLOR = new Color(200, 0, 0);

    private final SigningKeys keys;
    /** CMS size per signing certificate, measured once by a trial signature. */
    private final Map<X509Certificate, Integer> reservations = new ConcurrentHashMap<>();

    public PadesSigner(SigningKeys keys) {
        this.keys = keys;
    }

    /** Signs with reason "Ký ban hành", or "Đóng dấu" for the organisation's seal. */
    public byte[] sign(byte[] pdf, SigningIdentity id, VisibleSignature visible, Instant signingTime) {
        return sign(pdf, id, visible, signingTime, isSeal(id) ? REASON_SEAL : REASON_SIGN);
    }

    /**
     * @param visible     null for an invisible signature
     * @param signingTime written to the signature dictionary's /M (Vietnam time zone)
     */
    public byte[] sign(byte[] pdf, SigningIdentity id, VisibleSignature visible, Instant signingTime, String reason) {
        try (PDDocument doc = Loader.loadPDF(pdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(id.displayName());
            signature.setReason(reason);
            signature.setLocation(keys.organisationName());
            Calendar when = Calendar.getInstance(TimeZone.getTimeZone(VisibleSignature.VIETNAM));
            when.setTimeInMillis(signingTime.toEpochMilli());
            signature.setSignDate(when);

            int reserved = reservation(id);
            options.setPreferredSignatureSize(reserved);
            if (visible != null) {
                int page = visible.area().page();
                if (page < 0 || page >= doc.getNumberOfPages()) {
                    throw new IllegalArgumentException("No page " + page + " in a " + doc.getNumberOfPages() + "-page PDF");
                }
                options.setVisualSignature(appearance(doc.getPage(page), visible, isSeal(id) ? SEAL_COLOR : SIGNER_COLOR));
                options.setPage(page);
            }
            doc.addSignature(signature, content -> cms(content.readAllBytes(), id), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + reserved * 2 + 65_536);
            doc.saveIncremental(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sign the PDF as " + id, e);
        }
    }

    /** The /Contents size for this identity: its CMS over empty content plus a spare. */
    int reservation(SigningIdentity id) {
        return reservations.computeIfAbsent(id.certificate(), cert -> {
            try {
                return cms(new byte[0], id).length + SIGNATURE_SPARE;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot sign as " + id, e);
            }
        });
    }

    private boolean isSeal(SigningIdentity id) {
        return id.id().equalsIgnoreCase(keys.organisationAlias());
    }

    /** CMS SignedData, detached, over the byte range. */
    static byte[] cms(byte[] content, SigningIdentity id) throws IOException {
        try {
            X509Certificate cert = id.certificate();
            String algorithm = "EC".equals(id.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
            Attribute signingCertificate = signingCertificateV2(cert);
            // PAdES: the time is the dictionary's /M, so CMS must not carry signing-time
            CMSAttributeTableGenerator signedAttributes = params -> new DefaultSignedAttributeTableGenerator(
                    new AttributeTable(signingCertificate)).getAttributes(params).remove(CMSAttributes.signingTime);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(SigningKeys.BC).build())
                    .setSignedAttributeGenerator(signedAttributes)
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(SigningKeys.BC).build(id.privateKey()), cert));
            generator.addCertificates(new JcaCertStore(id.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("CMS signature failed: " + e.getMessage(), e);
        }
    }

    /** ESS signing-certificate-v2 (RFC 5035) binding the signer's certificate, as PAdES requires. */
    private static Attribute signingCertificateV2(X509Certificate cert) throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
        IssuerSerial issuerSerial = new IssuerSerial(
                new GeneralNames(new GeneralName(X500Name.getInstance(cert.getIssuerX500Principal().getEncoded()))),
                cert.getSerialNumber());
        ESSCertIDv2 certId = new ESSCertIDv2(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hash, issuerSerial);
        return new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {certId})));
    }

    /**
     * A one-page template PDF holding only the signature widget and its appearance, as in PDFBox's
     * CreateVisibleSignature2 example; PDFBox copies the widget into the signed document.
     */
    private InputStream appearance(PDPage target, VisibleSignature visible, Color color) throws IOException {
        float width = visible.area().width();
        float height = visible.area().height();
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(target.getMediaBox()));
            PDAcroForm acroForm = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(acroForm);
            PDSignatureField field = new PDSignatureField(acroForm);
            acroForm.setSignaturesExist(true);
            acroForm.setAppendOnly(true);
            acroForm.getCOSObject().setDirect(true);
            acroForm.getFields().add(field);

            PDAnnotationWidget widget = field.getWidgets().get(0);
            widget.setRectangle(new PDRectangle(visible.area().x(), visible.area().y(), width, height));
            widget.setPrinted(true);
            PDFormXObject form = new PDFormXObject(new PDStream(doc));
            form.setResources(new PDResources());
            form.setFormType(1);
            form.setBBox(new PDRectangle(width, height));
            PDAppearanceDictionary appearance = new PDAppearanceDictionary();
            appearance.getCOSObject().setDirect(true);
            PDAppearanceStream stream = new PDAppearanceStream(form.getCOSObject());
            appearance.setNormalAppearance(stream);
            widget.setAppearance(appearance);

            PDFont font = LiberationSerif.load(doc, LiberationSerif.Face.REGULAR);
            try (PDPageContentStream cs = new PDPageContentStream(doc, stream)) {
                draw(cs, font, visible.lines(), width, height, color);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return new ByteArrayInputStream(out.toByteArray());
        }
    }

    private static void draw(PDPageContentStream cs, PDFont font, List<String> rawLines, float width, float height,
                             Color color) throws IOException {
        float border = 1.2f;
        float padding = 4;
        cs.setStrokingColor(color);
        cs.setLineWidth(border);
        cs.addRect(border / 2, border / 2, width - border, height - border);
        cs.stroke();
        if (rawLines.isEmpty()) {
            return;
        }
        List<String> lines = rawLines.stream().map(line -> encodable(font, line)).toList();
        // largest size up to 11 pt at which every line fits the box
        float size = Math.min(11, (height - 2 * padding) / (lines.size() * 1.25f));
        float widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, font.getStringWidth(line) / 1000);
        }
        if (widest > 0) {
            size = Math.min(size, (width - 2 * padding) / widest);
        }
        float leading = size * 1.25f;
        float top = (height + lines.size() * leading) / 2; // block centred vertically
        cs.setNonStrokingColor(color);
        cs.beginText();
        cs.setFont(font, size);
        cs.setLeading(leading);
        cs.newLineAtOffset(padding, top - size);
        for (String line : lines) {
            cs.showText(line);
            cs.newLine();
        }
        cs.endText();
    }

    /** The line with characters the font lacks replaced by '?', rather than failing the signature. */
    private static String encodable(PDFont font, String line) {
        try {
            font.encode(line);
            return line;
        } catch (IllegalArgumentException | IOException e) {
            StringBuilder sb = new StringBuilder();
            line.codePoints().forEach(cp -> {
                String ch = Character.toString(cp);
                try {
                    font.encode(ch);
                    sb.append(ch);
                } catch (IllegalArgumentException | IOException ex) {
                    sb.append('?');
                }
            });
            return sb.toString();
        }
    }
}
