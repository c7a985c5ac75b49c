package vn.vanthu.signing;

import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.pdf.PDFServiceMode;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDocumentReader;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxSignatureService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * The seal's long-term validation data (PAdES B-LT: the certificates and CRLs of every signature and
 * timestamp in the file, in its DSS dictionary), gathered by DSS once and written again for every
 * later document that carries the same certificates while the CRL is the same. DSS gathers it by
 * parsing every revision of the file and validating each signature and its chain (half of a seal's
 * CPU), to arrive at the same few objects for every document of the same leader.
 *
 * <p>The key is everything the gathering depends on: the certificates in each signature's CMS and in
 * its timestamp tokens, the trust anchors, and the CRL the CA answers with now for those
 * certificates ({@link CaCrlSource#crlFor}, which issues a new one when the rule says so). A file
 * with validation data of its own already, or whose DSS dictionary DSS wrote with anything more
 * than the three arrays, always goes to DSS. The dictionary is written as DSS writes it: the same
 * arrays of unfiltered streams, its developer extension, one incremental update (a test compares
 * the contents with DSS's own extension of the same file).
 */
final class SealValidationData {

    private static final COSName DSS = COSName.getPDFName("DSS");
    private static final COSName CERTS = COSName.getPDFName("Certs");
    private static final COSName CRLS = COSName.getPDFName("CRLs");
    private static final COSName OCSPS = COSName.getPDFName("OCSPs");

    /** The three arrays of the DSS dictionary, each entry the DER of one token, in DSS's order. */
    record Gathered(List<byte[]> certs, List<byte[]> crls, List<byte[]> ocsps) {}

    private final CaCrlSource crls;
    private final String anchors;
    private final Map<String, Gathered> gathered = new ConcurrentHashMap<>();
    private final Writer writer = new Writer();
    private final java.util.concurrent.atomic.AtomicInteger reused = new java.util.concurrent.atomic.AtomicInteger();

    SealValidationData(CaCrlSource crls, Collection<X509Certificate> trustAnchors) {
        this.crls = crls;
        this.anchors =
                fingerprints(trustAnchors.stream().map(SealValidationData::der).toList());
    }

    /** The file at B-T extended to B-LT: from what DSS gathered before for the same key, else by {@code dss}. */
    byte[] extend(byte[] sealedAtT, UnaryOperator<byte[]> dss) {
        try (PdfBoxDocumentReader reader =
                new PdfBoxDocumentReader(new InMemoryDocument(sealedAtT, "document.pdf", MimeTypeEnum.PDF))) {
            Optional<String> key = key(reader.getPDDocument());
            Gathered known = key.map(gathered::get).orElse(null);
            if (known != null) {
                reused.incrementAndGet();
                return writer.write(reader, known);
            }
            byte[] extended = dss.apply(sealedAtT);
            if (key.isPresent()) {
                read(extended).ifPresent(found -> {
                    if (gathered.size() >= 64) {
                        gathered.clear(); // a few leaders per office; never a leak
                    }
                    gathered.put(key.get(), found);
                });
            }
            return extended;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sealed document", e);
        }
    }

    /** How many seals took the validation data gathered before (tests, the benchmark). */
    int reused() {
        return reused.get();
    }

    /** Empty where the file is not one this cache answers for. */
    private Optional<String> key(PDDocument doc) throws IOException {
        if (doc.getDocumentCatalog().getCOSObject().containsKey(DSS)) {
            return Optional.empty(); // validation data of its own: DSS adds to it
        }
        List<byte[]> certificates = new ArrayList<>();
        try {
            for (PDSignature signature : doc.getSignatureDictionaries()) {
                CMSSignedData cms = new CMSSignedData(SignedPdfs.firstObject(signature.getContents()));
                addAll(certificates, cms);
                for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
                    if (signer.getUnsignedAttributes() == null) {
                        continue;
                    }
                    var tokens =
                            signer.getUnsignedAttributes().getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
                    for (int i = 0; i < tokens.size(); i++) {
                        Attribute attribute = Attribute.getInstance(tokens.get(i));
                        TimeStampToken token = new TimeStampToken(new CMSSignedData(attribute
                                .getAttrValues()
                                .getObjectAt(0)
                                .toASN1Primitive()
                                .getEncoded()));
                        addAll(certificates, token.toCMSSignedData());
                    }
                }
            }
        } catch (CMSException | TSPException | RuntimeException e) {
            return Optional.empty(); // DSS will say what is wrong with it
        }
        if (certificates.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> parsed = new ArrayList<>();
        for (byte[] der : certificates) {
            parsed.add(SigningCertificatePaths.certificate(der));
        }
        return Optional.of(
                fingerprints(certificates) + "|" + anchors + "|" + fingerprints(List.of(crls.crlFor(parsed))));
    }

    private static void addAll(List<byte[]> into, CMSSignedData cms) throws IOException {
        for (X509CertificateHolder holder : cms.getCertificates().getMatches(null)) {
            into.add(holder.getEncoded());
        }
    }

    /** What DSS wrote into the file's DSS dictionary, if it is only the three arrays of streams. */
    static Optional<Gathered> read(byte[] extended) {
        try (PDDocument doc = Loader.loadPDF(extended)) {
            COSBase base = doc.getDocumentCatalog().getCOSObject().getDictionaryObject(DSS);
            if (!(base instanceof COSDictionary dss)) {
                return Optional.empty();
            }
            for (COSName name : dss.keySet()) {
                if (!name.equals(CERTS) && !name.equals(CRLS) && !name.equals(OCSPS)) {
                    return Optional.empty(); // a VRI dictionary, or anything else: not ours to copy
                }
            }
            return Optional.of(new Gathered(streams(dss, CERTS), streams(dss, CRLS), streams(dss, OCSPS)));
        } catch (IOException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static List<byte[]> streams(COSDictionary dss, COSName name) throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (dss.getDictionaryObject(name) instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                COSBase item = array.get(i);
                COSBase object = item instanceof COSObject reference ? reference.getObject() : item;
                if (!(object instanceof COSStream stream) || stream.getFilters() != null) {
                    throw new IllegalStateException("not an unfiltered stream");
                }
                try (InputStream in = stream.createRawInputStream()) {
                    out.add(in.readAllBytes());
                }
            }
        }
        return out;
    }

    private static String fingerprints(List<byte[]> ders) {
        TreeSet<String> sorted = new TreeSet<>();
        try {
            for (byte[] der : ders) {
                sorted.add(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(der)));
            }
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return String.join(",", sorted);
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DSS's own service, for its developer-extension step and its incremental save. */
    private static final class Writer extends PdfBoxSignatureService {

        Writer() {
            super(PDFServiceMode.SIGNATURE, SigningObjects.DRAWERS);
        }

        /** As {@code PdfBoxSignatureService.addDssDictionary} writes it, from the gathered tokens. */
        byte[] write(PdfBoxDocumentReader reader, Gathered known) {
            PDDocument doc = reader.getPDDocument();
            COSDictionary dss = new COSDictionary();
            array(reader, known.certs()).ifPresent(a -> dss.setItem(CERTS, a));
            array(reader, known.crls()).ifPresent(a -> dss.setItem(CRLS, a));
            array(reader, known.ocsps()).ifPresent(a -> dss.setItem(OCSPS, a));
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            catalog.setItem(DSS, dss);
            catalog.setNeedToBeUpdated(true);
            ensureESICDeveloperExtension1(reader);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            saveDocumentIncrementally(doc, out);
            return out.toByteArray();
        }

        private static Optional<COSArray> array(PdfBoxDocumentReader reader, List<byte[]> tokens) {
            if (tokens.isEmpty()) {
                return Optional.empty();
            }
            COSArray array = new COSArray();
            for (byte[] der : tokens) {
                array.add(reader.createCOSStream(der));
            }
            return Optional.of(array);
        }
    }
}
