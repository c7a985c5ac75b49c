package vn.vanthu.signing;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** What a PDF's signatures say, read without checking them (that is {@link SignatureVerifier}'s). */
public final class SignedPdfs {

    private SignedPdfs() {}

    /**
     * The certificate of the signature applied last (by the end of its byte range), or null. Only
     * who signed, not whether the signature holds: for the issue step's check that the text it
     * seals carries the expected leader's signature, which this server itself made.
     */
    public static X509Certificate lastSignerCertificate(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature last = null;
            long lastEnd = -1;
            for (var signature : doc.getSignatureDictionaries()) {
                int[] br = signature.getByteRange();
                long end = br.length == 4 ? (long) br[2] + br[3] : -1;
                if (end > lastEnd) {
                    lastEnd = end;
                    last = signature;
                }
            }
            if (last == null) {
                return null;
            }
            org.bouncycastle.cms.CMSSignedData cms =
                    new org.bouncycastle.cms.CMSSignedData(firstObject(last.getContents()));
            var signerInfo = cms.getSignerInfos().getSigners().iterator().next();
            @SuppressWarnings("unchecked")
            var matches = (java.util.Collection<org.bouncycastle.cert.X509CertificateHolder>)
                    cms.getCertificates().getMatches(signerInfo.getSID());
            return matches.isEmpty()
                    ? null
                    : new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                            .setProvider(SigningKeys.bc())
                            .getCertificate(matches.iterator().next());
        } catch (IOException | GeneralSecurityException | org.bouncycastle.cms.CMSException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The CMS without the /Contents hole's zero padding: BouncyCastle rejects trailing bytes after
     * the ContentInfo, so PDFBox's {@code new CMSSignedData(getContents())} alone fails.
     */
    static org.bouncycastle.asn1.cms.ContentInfo firstObject(byte[] contents) throws IOException {
        try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(contents)) {
            return org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject());
        }
    }
}
