package vn.vanthu.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.bouncycastle.util.encoders.Hex;
import org.springframework.stereotype.Component;

/** Checks the PAdES/CMS signatures of a PDF. Never throws for bad input: every problem becomes a report. */
@Component
public class SignatureVerifier {

    private final SigningKeys keys;

    public SignatureVerifier(SigningKeys keys) {
        this.keys = keys;
    }

    public VerificationReport verify(byte[] pdf) {
        if (pdf == null || pdf.length == 0) {
            return VerificationReport.invalid("Tệp rỗng, không phải PDF");
        }
        if (!looksLikePdf(pdf)) {
            return VerificationReport.invalid("Tệp không phải PDF");
        }
        List<Found> found = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDSignature signature : doc.getSignatureDictionaries()) {
                found.add(new Found(signature.getByteRange(), signDate(signature)));
            }
        } catch (InvalidPasswordException e) {
            return VerificationReport.invalid("Tệp PDF được mã hóa, không kiểm tra được chữ ký");
        } catch (Exception e) {
            return VerificationReport.invalid("Tệp PDF bị hỏng, không đọc được");
        }
        if (found.isEmpty()) {
            return VerificationReport.invalid("Tệp không có chữ ký số");
        }
        // file order: the signature whose byte range ends last was applied last
        found.sort(Comparator.comparingLong(f -> end(f.byteRange())));
        List<X509Certificate> anchors;
        try {
            anchors = keys.trustAnchors();
        } catch (RuntimeException e) {
            anchors = List.of(); // untrusted, but signatures can still be checked
        }
        List<SignatureCheck> checks = new ArrayList<>();
        for (Found f : found) {
            checks.add(check(pdf, f, anchors));
        }
        for (int i = 0; i < checks.size(); i++) {
            if (!checks.get(i).intact()) {
                return new VerificationReport(false, "Chữ ký số thứ " + (i + 1)
                        + (checks.get(i).signer() == null ? "" : " (" + checks.get(i).signer() + ")")
                        + " không còn nguyên vẹn: tài liệu đã bị sửa đổi sau khi ký hoặc chữ ký bị hỏng", checks);
            }
        }
        if (!checks.get(checks.size() - 1).coversWholeFile()) {
            return new VerificationReport(false, "Tài liệu đã bị thêm nội dung sau chữ ký số cuối cùng", checks);
        }
        return new VerificationReport(true, null, checks);
    }

    private record Found(int[] byteRange, Instant signedAt) {
    }

    private SignatureCheck check(byte[] pdf, Found f, List<X509Certificate> anchors) {
        int[] br = f.byteRange();
        if (!wellFormed(br, pdf)) {
            return new SignatureCheck(null, f.signedAt(), false, false, false);
        }
        long end = end(br);
        boolean coversWholeFile = end == pdf.length || onlyWhitespace(pdf, (int) end);
        String signer = null;
        boolean intact = false;
        boolean trusted = false;
        try {
            // the CMS is read from the hole itself, so a later revision cannot substitute another one
            byte[] contents = Hex.decode(new String(pdf, br[1] + 1, br[2] - br[1] - 2, StandardCharsets.US_ASCII)
                    .replaceAll("\\s", ""));
            ByteArrayOutputStream signed = new ByteArrayOutputStream(br[1] + br[3]);
            signed.write(pdf, 0, br[1]);
            signed.write(pdf, br[2], br[3]);
            byte[] signedBytes = signed.toByteArray();

            CMSSignedData cms = new CMSSignedData(new CMSProcessableByteArray(signedBytes), firstObject(contents));
            if (cms.getSignerInfos().size() != 1) {
                return new SignatureCheck(null, f.signedAt(), false, false, coversWholeFile);
            }
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            Store<X509CertificateHolder> certificates = cms.getCertificates();
            @SuppressWarnings("unchecked") // SignerId is a raw Selector
            Collection<X509CertificateHolder> matches = certificates.getMatches(info.getSID());
            X509CertificateHolder holder = matches.stream().findFirst().orElse(null);
            if (holder != null) {
                JcaX509CertificateConverter converter = new JcaX509CertificateConverter().setProvider(SigningKeys.BC);
                X509Certificate cert = converter.getCertificate(holder);
                signer = SigningKeys.commonName(cert);
                intact = digestMatches(info, signedBytes)
                        && info.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(SigningKeys.BC).build(holder));
                List<X509Certificate> others = new ArrayList<>();
                for (X509CertificateHolder other : certificates.getMatches(null)) {
                    others.add(converter.getCertificate(other));
                }
                trusted = intact && trusted(cert, others, anchors);
            }
        } catch (Exception e) {
            intact = false; // unparsable CMS, bad hex, wrong key…: not intact
        }
        return new SignatureCheck(signer, f.signedAt(), intact, trusted, coversWholeFile);
    }

    /**
     * The CMS without the hole's zero padding: BouncyCastle 1.87 rejects trailing bytes after the
     * ContentInfo, so PDFBox's ShowSignature-style {@code new CMSSignedData(content, getContents())} fails.
     */
    static ContentInfo firstObject(byte[] contents) throws IOException {
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            return ContentInfo.getInstance(in.readObject());
        }
    }

    /** The signed messageDigest attribute equals the digest of the byte range. */
    private static boolean digestMatches(SignerInformation info, byte[] signedBytes) throws Exception {
        if (info.getSignedAttributes() == null) {
            return false;
        }
        Attribute attribute = info.getSignedAttributes().get(CMSAttributes.messageDigest);
        if (attribute == null) {
            return false;
        }
        byte[] expected = ASN1OctetString.getInstance(attribute.getAttrValues().getObjectAt(0)).getOctets();
        DigestCalculator digest = new JcaDigestCalculatorProviderBuilder().setProvider(SigningKeys.BC).build()
                .get(info.getDigestAlgorithmID());
        try (OutputStream out = digest.getOutputStream()) {
            out.write(signedBytes);
        }
        return Arrays.equals(expected, digest.getDigest());
    }

    /** A PKIX path (signatures checked, revocation not) from the certificate to an anchor, at the current time. */
    private static boolean trusted(X509Certificate cert, List<X509Certificate> others, List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            return false;
        }
        if (anchors.contains(cert)) {
            return true;
        }
        try {
            Set<TrustAnchor> trustAnchors = anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(cert);
            PKIXBuilderParameters params = new PKIXBuilderParameters(trustAnchors, target);
            params.setRevocationEnabled(false);
            List<X509Certificate> pool = new ArrayList<>(others);
            pool.add(cert);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** [0, a) and [b, b+c) with the hole [a, b) holding exactly the hex string "<…>". */
    private static boolean wellFormed(int[] br, byte[] pdf) {
        return br != null && br.length == 4 && br[0] == 0 && br[1] > 0 && br[2] > br[1] + 1 && br[3] >= 0
                && end(br) <= pdf.length && pdf[br[1]] == '<' && pdf[br[2] - 1] == '>';
    }

    private static long end(int[] br) {
        return br == null || br.length != 4 ? Long.MAX_VALUE : (long) br[2] + br[3];
    }

    private static boolean onlyWhitespace(byte[] pdf, int from) {
        for (int i = from; i < pdf.length; i++) {
            if (pdf[i] != '\n' && pdf[i] != '\r' && pdf[i] != ' ' && pdf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikePdf(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static Instant signDate(PDSignature signature) {
        try {
            return signature.getSignDate() == null ? null : signature.getSignDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
