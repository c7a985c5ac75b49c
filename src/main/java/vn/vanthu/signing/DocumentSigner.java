package vn.vanthu.signing;

import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.ImageScaling;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignerTextHorizontalAlignment;
import eu.europa.esig.dss.enumerations.SignerTextPosition;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pdf.PdfPermissionsChecker;
import eu.europa.esig.dss.pdf.PdfSignatureFieldPositionChecker;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.rendering.LiberationSerif;
import vn.vanthu.rendering.RenderedPdf;

/**
 * PAdES signatures with the EU's DSS library, in the order Nghị định 30/2020 (Điều 15–16, Phụ lục I)
 * sets: the leader's signature (a certification signature, DocMDP P=2: only form filling and later
 * signatures permitted) over the text with number and date blank, then, after the office fills
 * them in, the organisation's signature (the seal). Both ETSI.CAdES.detached, SHA-256, with an
 * RFC 3161 signature timestamp (PAdES B-T) where a time-stamping service is configured, else B-B.
 *
 * <p>The private key signs the bytes DSS prepares through plain JCA, so that a key in a PKCS#11
 * token or a remote service can take its place.
 */
@Component
@EnableConfigurationProperties(SignatureLevelProperties.class)
public class DocumentSigner {

    public static final String REASON_SIGN = "Ký ban hành";
    public static final String REASON_SEAL = "Đóng dấu, cấp số và ngày ban hành";
    private static final float MM = 72f / 25.4f;
    /** Phụ lục I: the organisation's name and the time in 10 pt. */
    private static final float SEAL_TEXT_SIZE = 10;

    private final SigningKeys keys;
    private final TimestampAuthority tsa;
    private final float sealSizeMm;
    /** The organisation's name under the seal, broken as the document's header breaks it. */
    private final java.util.function.UnaryOperator<String> sealCaption;

    private final SignatureLevelProperties.Level level;
    /** Revocation data for the long-term form: the demo CA's own CRL; empty where none is at hand. */
    private final Once<java.util.Optional<CaCrlSource>> crls;
    /** The seal's B-LT validation data, gathered by DSS once per leader and CRL. */
    private final Once<java.util.Optional<SealValidationData>> validationData;

    /** The default seal size and level (tests). */
    DocumentSigner(SigningKeys keys, TimestampAuthority tsa) {
        this(keys, tsa, new SignatureImages(null), new SignatureLevelProperties(null), null);
    }

    @Autowired
    DocumentSigner(
            SigningKeys keys,
            TimestampAuthority tsa,
            SignatureImages images,
            SignatureLevelProperties level,
            vn.vanthu.document.DocumentRules rules) {
        this.keys = keys;
        this.sealCaption = rules == null ? name -> name : rules::breakLikeIssuingBody;
        this.tsa = tsa;
        this.sealSizeMm = images.sealSizeMm();
        this.level = level.level();
        this.crls = new Once<>(
                () -> keys.demoCertificateAuthority().map(ca -> new CaCrlSource(ca.certificate(), ca.privateKey())));
        this.validationData =
                new Once<>(() -> crls.get().map(source -> new SealValidationData(source, keys.trustAnchors())));
    }

    /** Makes the demo keys and sets up the providers now rather than at the first signature. */
    void warmUp() {
        crls.get();
        tsa.source();
        service();
    }

    /**
     * The seal's level: PAdES B-LT where a TSA and revocation data are at hand (the certificates and
     * CRLs of both signatures go into the file's DSS dictionary, so it can be checked offline, also
     * after the CA is gone), B-T with only a TSA, B-B without. B-LTA (a document timestamp over all
     * of it) when {@code vanthu.signing.level} asks for it: not by default, since poppler's pdfsig
     * reports a document timestamp as a signature it cannot verify.
     */
    SignatureLevel sealLevel() {
        if (!tsa.available()) {
            return SignatureLevel.PAdES_BASELINE_B;
        }
        if (crls.get().isEmpty()) {
            return SignatureLevel.PAdES_BASELINE_T;
        }
        return level == SignatureLevelProperties.Level.B_LTA
                ? SignatureLevel.PAdES_BASELINE_LTA
                : SignatureLevel.PAdES_BASELINE_LT;
    }

    /**
     * The leader's signature: the signature image (blue PNG) centred in {@code area}, between the
     * position line and the name. A certification signature that permits filling in the number and
     * date fields and the seal, nothing else.
     */
    public byte[] signAsLeader(
            byte[] pdf, SigningIdentity leader, byte[] signatureImage, RenderedPdf.Area area, Instant time) {
        byte[] prepared = withSignatureFields(pdf, signatureImage, area);
        return sign(
                prepared,
                leader,
                leaderParameters(prepared, leader.chain(), leader.displayName(), signatureImage, area, time),
                null);
    }

    /**
     * The text with the leader's and the seal's empty signature fields ({@link SignatureFields}), where
     * the leader's image and the seal will go. Deterministic, so both phases of a two-phase signature
     * sign the same bytes.
     */
    byte[] withSignatureFields(byte[] pdf, byte[] signatureImage, RenderedPdf.Area area) {
        RenderedPdf.Area image = leaderImageArea(area, signatureImage);
        return SignatureFields.prepare(
                pdf, image, sealArea(area, image, sealSizeMm, sealCaption.apply(keys.organisationName())));
    }

    /**
     * Phase 1 of a leader's signature made elsewhere (a remote signing service): the bytes DSS
     * wants signed, for this PDF, certificate and signing time. Phase 2 rebuilds the same
     * parameters from the same inputs, so the time must be kept exactly.
     */
    public byte[] leaderDataToSign(
            byte[] pdf, X509Certificate certificate, byte[] signatureImage, RenderedPdf.Area area, Instant time) {
        byte[] prepared = withSignatureFields(pdf, signatureImage, area);
        PAdESSignatureParameters params = leaderParameters(
                prepared, List.of(certificate), SigningKeys.commonName(certificate), signatureImage, area, time);
        return service().getDataToSign(pdfDocument(prepared), params).getBytes();
    }

    /**
     * Phase 2: the signed PDF, from the signature value the leader's device made over phase 1's
     * data-to-sign. Checks first that the chain's first certificate is {@code expected} and that
     * the value verifies over the data-to-sign with its public key; nothing is built otherwise.
     *
     * @throws IllegalArgumentException the certificate or the signature value is not the leader's
     */
    public byte[] completeLeaderSignature(
            byte[] pdf,
            X509Certificate expected,
            List<X509Certificate> chain,
            byte[] signatureValue,
            byte[] signatureImage,
            RenderedPdf.Area area,
            Instant time) {
        if (chain == null || chain.isEmpty() || !chain.get(0).equals(expected)) {
            throw new IllegalArgumentException("the returned certificate is not the leader's certificate");
        }
        byte[] prepared = withSignatureFields(pdf, signatureImage, area);
        PAdESSignatureParameters params =
                leaderParameters(prepared, chain, SigningKeys.commonName(expected), signatureImage, area, time);
        PAdESService service = service();
        DSSDocument document = pdfDocument(prepared);
        byte[] dataToSign = service.getDataToSign(document, params).getBytes();
        SignatureAlgorithm algorithm = SignatureAlgorithm.getAlgorithm(
                EncryptionAlgorithm.forKey(expected.getPublicKey()), DigestAlgorithm.SHA256);
        try {
            Signature jca = Signature.getInstance(algorithm.getJCEId());
            jca.initVerify(expected.getPublicKey());
            jca.update(dataToSign);
            if (!jca.verify(signatureValue)) {
                throw new IllegalArgumentException("the signature value does not verify over the data to sign");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the signature value cannot be checked: " + e.getMessage(), e);
        }
        return bytes(service.signDocument(document, params, new SignatureValue(algorithm, signatureValue)));
    }

    /** The leader's parameters, shared by the one-step and the two-phase signature so both make the same thing. */
    private PAdESSignatureParameters leaderParameters(
            byte[] pdf,
            List<X509Certificate> chain,
            String displayName,
            byte[] signatureImage,
            RenderedPdf.Area area,
            Instant time) {
        PAdESSignatureParameters params = parameters(chain, displayName, time, REASON_SIGN);
        params.setPermission(CertificationPermission.MINIMAL_CHANGES_PERMITTED);
        SignatureImageParameters image = new SignatureImageParameters();
        image.setImage(new InMemoryDocument(signatureImage, "signature.png", MimeTypeEnum.PNG));
        image.setImageScaling(ImageScaling.ZOOM_AND_CENTER);
        RenderedPdf.Area at = leaderImageArea(area, signatureImage);
        SignatureFieldParameters field = field(pdf, at.page(), at.x(), at.y(), at.width(), at.height());
        field.setFieldId(SignatureFields.LEADER); // the empty field withSignatureFields made, where the image goes
        image.setFieldParameters(field);
        params.setImageParameters(image);
        return params;
    }

    /**
     * The office's one act after the leader's signature, as one incremental update: the number and
     * date filled in ({@link IssueFields#fillIn}) and the organisation's signature, the seal image
     * (red, real size) over the left third of the leader's signature image, with the organisation's
     * name and the signing time (ISO 8601, Vietnam time) in 10 pt under it, inside the signing area.
     * The seal's field is locked: after it only validation data and document timestamps.
     *
     * <p>One update, not two: a strict validator (pyHanko) checks, for each field the seal locks,
     * that its appearance was last written in the seal's own revision.
     */
    public byte[] seal(
            byte[] leaderSigned,
            String numberLine,
            String dateLine,
            SigningIdentity organisation,
            byte[] sealImage,
            RenderedPdf.Area area,
            RenderedPdf.Area leaderImage,
            String organisationName,
            Instant time) {
        byte[] pdf = leaderSigned;
        String caption = sealCaption.apply(organisationName);
        PAdESSignatureParameters params =
                parameters(organisation.chain(), organisation.displayName(), time, REASON_SEAL);
        SignatureLevel level = sealLevel();
        // B-LT: signed at B-T, then the validation data added as DSS would gather it (SealValidationData)
        boolean longTerm = level == SignatureLevel.PAdES_BASELINE_LT;
        params.setSignatureLevel(longTerm ? SignatureLevel.PAdES_BASELINE_T : level);
        SignatureImageParameters image = new SignatureImageParameters();
        image.setImage(new InMemoryDocument(sealImage, "seal.png", MimeTypeEnum.PNG));
        image.setImageScaling(ImageScaling.ZOOM_AND_CENTER);
        SignatureImageTextParameters text = new SignatureImageTextParameters();
        String lines = SignatureImages.wrap(caption, 40 * MM, SEAL_TEXT_SIZE) + "\n" + SignatureImages.iso8601(time);
        text.setText(Normalizer.normalize(lines, Normalizer.Form.NFC));
        // a subset: the whole face would add 400 KB to every email
        text.setFont(new SigningObjects.CaptionFont(LiberationSerif.Face.REGULAR, SEAL_TEXT_SIZE));
        text.setTextColor(Color.BLACK);
        text.setSignerTextPosition(SignerTextPosition.BOTTOM);
        text.setSignerTextHorizontalAlignment(SignerTextHorizontalAlignment.CENTER);
        text.setPadding(1);
        image.setTextParameters(text);
        RenderedPdf.Area at = sealArea(area, leaderImage, sealSizeMm, caption);
        SignatureFieldParameters field = field(pdf, at.page(), at.x(), at.y(), at.width(), at.height());
        if (SignatureFields.hasOpenSeal(pdf)) {
            // the locked field the leader's text already carries; a text signed before it existed gets a new one
            field.setFieldId(SignatureFields.SEAL);
        }
        image.setFieldParameters(field);
        params.setImageParameters(image);
        byte[] sealed = sign(pdf, organisation, params, doc -> IssueFields.fillIn(doc, numberLine, dateLine));
        return longTerm ? validationData.get().orElseThrow().extend(sealed, this::extendToLongTerm) : sealed;
    }

    /** How many seals took the B-LT validation data gathered for an earlier one. */
    int sealsWithReusedValidationData() {
        return validationData.get().map(SealValidationData::reused).orElse(0);
    }

    /** DSS's own B-LT extension of a file signed at B-T: it gathers and adds the validation data. */
    byte[] extendToLongTerm(byte[] pdf) {
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.PAdES_BASELINE_LT);
        return bytes(service().extendDocument(pdfDocument(pdf), params));
    }

    /**
     * Where the seal goes: the ring (real size) with the name and time lines under it; the ring's right
     * edge at the end of the left third of the leader's image, the widget no further left than the gap
     * between the columns (clear of Nơi nhận), never above or below the signing area.
     */
    static RenderedPdf.Area sealArea(
            RenderedPdf.Area area, RenderedPdf.Area leaderImage, float sealSizeMm, String organisationName) {
        float ring = sealSizeMm * MM;
        // the name's lines and the time's
        int lines =
                SignatureImages.wrap(organisationName, 40 * MM, SEAL_TEXT_SIZE).split("\n").length + 1;
        float textHeight = lines * SEAL_TEXT_SIZE * 1.25f + 4;
        // as wide as the ISO time line needs; the ring is centred over the text
        float width = Math.max(ring, 42 * MM);
        float height = Math.min(area.height(), ring + textHeight);
        float ringCentre = leaderImage.x() + leaderImage.width() / 3 - ring / 2;
        float x = Math.max(area.x() - 14 * MM, ringCentre - width / 2);
        return new RenderedPdf.Area(area.page(), x, area.y(), width, height);
    }

    /** Where the leader's image goes: its own proportions, at most 82 % of the area's width and 22 mm high, centred. */
    public static RenderedPdf.Area leaderImageArea(RenderedPdf.Area area, byte[] signatureImage) {
        float[] size = SignatureImages.fit(signatureImage, area.width() * 0.82f, 22 * MM);
        return new RenderedPdf.Area(
                area.page(),
                area.x() + (area.width() - size[0]) / 2,
                area.y() + (area.height() - size[1]) / 2,
                size[0],
                size[1]);
    }

    private PAdESSignatureParameters parameters(
            List<X509Certificate> chain, String displayName, Instant time, String reason) {
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(tsa.available() ? SignatureLevel.PAdES_BASELINE_T : SignatureLevel.PAdES_BASELINE_B);
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.getSignatureTimestampParameters().setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.setSigningCertificate(new CertificateToken(chain.get(0)));
        params.setCertificateChain(chain.stream().map(CertificateToken::new).toList());
        params.bLevel().setSigningDate(Date.from(time));
        params.setSigningTimeZone(TimeZone.getTimeZone(OrganisationProperties.VIETNAM));
        params.setReason(reason);
        params.setLocation(keys.organisationName());
        params.setSignerName(displayName);
        params.setAppName("Văn thư");
        return params;
    }

    private byte[] sign(byte[] pdf, SigningIdentity id, PAdESSignatureParameters params, SigningObjects.FillIn fillIn) {
        PAdESService service = service(fillIn);
        DSSDocument document = pdfDocument(pdf);
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        EncryptionAlgorithm algorithm =
                EncryptionAlgorithm.forKey(id.certificate().getPublicKey());
        SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.getAlgorithm(algorithm, DigestAlgorithm.SHA256);
        byte[] value;
        try {
            Signature jca = Signature.getInstance(signatureAlgorithm.getJCEId());
            jca.initSign(id.privateKey());
            jca.update(toBeSigned.getBytes());
            value = jca.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign as " + id + ": " + e.getMessage(), e);
        }
        return bytes(service.signDocument(document, params, new SignatureValue(signatureAlgorithm, value)));
    }

    /**
     * The file as DSS takes it, its type given: from a name alone DSS finds it through a
     * {@code ServiceLoader} scan of the class path, on every document it is handed.
     */
    private static DSSDocument pdfDocument(byte[] pdf) {
        return new InMemoryDocument(pdf, "document.pdf", MimeTypeEnum.PDF);
    }

    private static byte[] bytes(DSSDocument signed) {
        try (var in = signed.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PAdESService service() {
        return service(null);
    }

    private PAdESService service(SigningObjects.FillIn fillIn) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        for (X509Certificate anchor : keys.trustAnchors()) {
            trusted.addCertificate(new CertificateToken(anchor));
        }
        verifier.setTrustedCertSources(trusted);
        crls.get().ifPresent(verifier::setCrlSource);
        // DSS's look-ups of services (its CMS generator, the JDK's XML factories) answered from memory
        PAdESService service = ServiceLookups.padesService(verifier);
        // draws text as PDF text with the embedded font (DSS's default factory draws an image of it)
        PdfBoxNativeObjectFactory factory = SigningObjects.factory(fillIn);
        // Phụ lục I puts the seal over the left third of the leader's signature: overlapping on purpose
        PdfSignatureFieldPositionChecker positions = new PdfSignatureFieldPositionChecker();
        positions.setAlertOnSignatureFieldOverlap(new SilentOnStatusAlert());
        factory.setPdfSignatureFieldPositionChecker(positions);
        // the seal's lock (P=1) still permits a document timestamp (B-LTA, PDF 2.0 §12.8.2.4), which
        // DSS's creation check does not know; the office's own signatures go only where the route puts them
        PdfPermissionsChecker permissions = new PdfPermissionsChecker();
        permissions.setAlertOnForbiddenSignatureCreation(new SilentOnStatusAlert());
        factory.setPdfPermissionsChecker(permissions);
        service.setPdfObjFactory(factory);
        tsa.source().ifPresent(service::setTspSource);
        return service;
    }

    /** DSS places a field from the page's top-left corner; our areas are PDF points from bottom-left. */
    private static SignatureFieldParameters field(byte[] pdf, int page, float x, float y, float width, float height) {
        float pageHeight;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDRectangle box = doc.getPage(page).getMediaBox();
            pageHeight = box.getHeight();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SignatureFieldParameters field = new SignatureFieldParameters();
        field.setPage(page + 1); // DSS counts pages from 1
        field.setOriginX(x);
        field.setOriginY(pageHeight - y - height);
        field.setWidth(width);
        field.setHeight(height);
        return field;
    }
}
