package vn.vanthu.signing;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.DiagnosticData;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.diagnostic.jaxb.XmlDigestMatcher;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.validation.PDFDocumentValidator;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.simplereport.jaxb.XmlTimestamp;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.validation.reports.Reports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;

/**
 * Validates the PAdES signatures of a PDF with EU DSS (ETSI EN 319 102-1) against a given set of trust
 * anchors and revocation sources; no Spring, so a test can use it with a CA it makes itself.
 *
 * <p>The verdict ({@link VerificationReport.Verdict}) judges the file as a strict outside validator would, and by
 * the route's own shape: {@code ISSUED_ORIGINAL} (the only {@code valid}) when every signature and document
 * timestamp is TOTAL_PASSED under DSS's policy with the PDF modification checks failing (DocMDP, FieldMDP, the
 * field lock, undefined changes, overlapping annotations, visual differences), the organisation's seal is
 * present and is the last signature, the one before it is the leader's, and after the seal come only validation
 * data and document timestamps ({@link ValidationDataOnly}). A shadow signature by any trusted key, an overlay,
 * a number filled in again or an unsigned change after the seal make it {@code MODIFIED}; the leader's revision
 * alone is {@code SIGNED_NOT_ISSUED}.
 *
 * <p>Never throws for bad input: every problem becomes a report with a Vietnamese reason. Thread-safe.
 */
final class PadesValidation {

    /** DSS's default policy (constraint.xml) with the changes explained in the file itself. */
    static final String POLICY_RESOURCE = "/signing/validation-policy.xml";

    public static final String UNTRUSTED = "Chứng thư số của người ký không do tổ chức chứng thực được tin cậy cấp";
    public static final String ALTERED = "tài liệu đã bị sửa đổi sau khi ký";
    public static final String ADDED_AFTER = "Tài liệu đã bị thêm nội dung sau chữ ký số cuối cùng";
    public static final String NO_SIGNATURE = "Tệp không có chữ ký số";
    public static final String NOT_PDF = "Tệp không phải PDF";
    public static final String NOT_ISSUED =
            "Bản chưa ban hành: chỉ có chữ ký của người ký, chưa có số và dấu của cơ quan";
    public static final String CHANGED_AFTER_SEAL =
            "Tài liệu đã bị thay đổi sau khi cơ quan đóng dấu (sau dấu chỉ được thêm dữ liệu kiểm tra hiệu lực"
                    + " chữ ký và dấu thời gian)";
    public static final String FOREIGN_SIGNATURE = "Tệp có chữ ký số không thuộc trình tự ban hành văn bản";

    private static final ValidationPolicy POLICY = loadPolicy();

    private final CommonCertificateVerifier certificateVerifier;
    /** The organisation's seal certificates: a signature by one, or by one with the same subject, is the seal. */
    private final List<X509Certificate> organisation;

    /**
     * @param trustAnchors     the CA (or end-entity) certificates whose chains are trusted
     * @param crls             offline CRLs (e.g. {@link CaCrlSource} of the demo CA); may be null
     * @param revocationOnline also fetch CRLs / OCSP / missing CA certificates from the URLs in certificates.
     *                         Off by default: a public endpoint must not make the server call out to
     *                         addresses an uploader chose. Without revocation data for a signer's certificate
     *                         DSS cannot know it was not revoked, and the signature is INDETERMINATE
     *                         (DSS 6.4 says CERTIFICATE_CHAIN_GENERAL_FAILURE, "no acceptable revocation data";
     *                         TRY_LATER in the ETSI text), never TOTAL_PASSED.
     */
    PadesValidation(List<X509Certificate> trustAnchors, CRLSource crls, boolean revocationOnline) {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        for (X509Certificate anchor : trustAnchors == null ? List.<X509Certificate>of() : trustAnchors) {
            trusted.addCertificate(new CertificateToken(anchor));
        }
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        if (revocationOnline) {
            OnlineCRLSource online = new OnlineCRLSource();
            verifier.setCrlSource(crls == null ? online : either(crls, online));
            verifier.setOcspSource(new OnlineOCSPSource());
            verifier.setAIASource(new DefaultAIASource());
        } else {
            verifier.setCrlSource(crls);
            verifier.setOcspSource(null);
            verifier.setAIASource(null);
        }
        this.certificateVerifier = verifier;
        this.organisation = List.of();
    }

    private PadesValidation(CommonCertificateVerifier verifier, List<X509Certificate> organisation) {
        this.certificateVerifier = verifier;
        this.organisation = List.copyOf(organisation);
    }

    /**
     * The same validation, recognising the seal by these certificates: the organisation's current one, and by
     * subject its renewals (a seal certificate is renewed every few years; the documents it sealed stay issued).
     * Without them no file is {@code ISSUED_ORIGINAL}.
     */
    PadesValidation withOrganisation(List<X509Certificate> sealCertificates) {
        return new PadesValidation(certificateVerifier, sealCertificates);
    }

    private static CRLSource either(CRLSource first, CRLSource second) {
        return (certificate, issuer) -> {
            CRLToken token = first.getRevocationToken(certificate, issuer);
            return token != null ? token : second.getRevocationToken(certificate, issuer);
        };
    }

    private record Found(int[] byteRange, Instant signedAt, boolean documentTimestamp) {}

    VerificationReport verify(byte[] pdf) {
        if (pdf == null || pdf.length == 0) {
            return VerificationReport.notSigned("Tệp rỗng, không phải PDF");
        }
        if (!looksLikePdf(pdf)) {
            return VerificationReport.notSigned(NOT_PDF);
        }
        List<Found> found = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDSignature signature : doc.getSignatureDictionaries()) {
                found.add(new Found(
                        signature.getByteRange(),
                        signDate(signature),
                        COSName.DOC_TIME_STAMP.equals(signature.getCOSObject().getCOSName(COSName.TYPE))));
            }
        } catch (InvalidPasswordException e) {
            return VerificationReport.notSigned("Tệp PDF được mã hóa, không kiểm tra được chữ ký");
        } catch (Exception | StackOverflowError e) { // a hostile file may nest objects without end
            return VerificationReport.notSigned("Tệp PDF bị hỏng, không đọc được");
        }
        if (found.isEmpty()) {
            return VerificationReport.notSigned(NO_SIGNATURE);
        }
        // file order: the signature whose byte range ends last was applied last
        found.sort(Comparator.comparingLong(f -> end(f.byteRange())));

        Reports reports;
        try {
            PDFDocumentValidator validator = new PDFDocumentValidator(new InMemoryDocument(pdf));
            validator.setCertificateVerifier(certificateVerifier);
            validator.setTokenExtractionStrategy(TokenExtractionStrategy.NONE);
            validator.setIncludeSemantics(false);
            validator.setEnableEtsiValidationReport(false);
            validator.setLocale(Locale.ENGLISH);
            PdfBoxNativeObjectFactory factory = new PdfBoxNativeObjectFactory();
            factory.setPdfDifferencesFinder(new SealOverLeaderOverlap());
            validator.setPdfObjFactory(factory);
            reports = validator.validateDocument(POLICY);
        } catch (RuntimeException | StackOverflowError e) { // DSSException and the like on a damaged file
            return VerificationReport.notSigned("Tệp PDF bị hỏng, không kiểm tra được chữ ký số");
        }
        SimpleReport simple = reports.getSimpleReport();
        DiagnosticData diagnostic = reports.getDiagnosticData();
        Map<List<Long>, SignatureWrapper> signatures = new HashMap<>();
        for (SignatureWrapper s : diagnostic.getSignatures()) {
            signatures.put(longs(s.getSignatureByteRange()), s);
        }
        Map<List<Long>, TimestampWrapper> documentTimestamps = new HashMap<>();
        for (TimestampWrapper t : diagnostic.getTimestampList()) {
            if (t.getType() == TimestampType.DOCUMENT_TIMESTAMP && t.getPDFRevision() != null) {
                documentTimestamps.put(longs(t.getPDFRevision().getSignatureByteRange()), t);
            }
        }

        List<SignatureCheck> checks = new ArrayList<>();
        // what follows each signature, read with the whole file loaded once for all of them
        ValidationDataOnly later = new ValidationDataOnly(pdf);
        try {
            for (Found f : found) {
                boolean coversWholeFile = wellFormed(f.byteRange(), pdf)
                        && (end(f.byteRange()) == pdf.length || onlyWhitespace(pdf, (int) end(f.byteRange())));
                List<Long> key = f.byteRange() == null
                        ? List.of()
                        : Arrays.stream(f.byteRange()).asLongStream().boxed().toList();
                SignatureWrapper s = signatures.get(key);
                TimestampWrapper t = documentTimestamps.get(key);
                if (!coversWholeFile
                        && wellFormed(f.byteRange(), pdf)
                        && later.changeAfter((int) end(f.byteRange())) == null) {
                    // PAdES B-LT/LTA: later revisions that add only validation data (the DSS dictionary) or an
                    // invisible document timestamp change nothing the pages show. Judged on the objects
                    // themselves: DSS lets an unsigned change of /Info or the XMP metadata pass as validation data
                    coversWholeFile = true;
                }
                if (s != null) {
                    SignatureCheck check = check(s, simple, f, coversWholeFile, pdf, isOrganisation(s));
                    if (onlyLockFailures(simple, s.getId()) && coversWholeFile && documentTimestampAfter(found, f)) {
                        // DSS 6.4 counts the creation of a document timestamp field as a change the seal's field
                        // lock (/All) forbids. PDF 2.0 lets validation data and document timestamps follow any lock
                        // (PAdES B-LTA), and ValidationDataOnly has checked that nothing else does
                        check = check.passedAfterAll();
                    }
                    checks.add(check);
                } else if (t != null) {
                    checks.add(check(t, simple, f, coversWholeFile, pdf));
                } else { // DSS could not make sense of it: an unreadable CMS, a broken byte range
                    checks.add(new SignatureCheck(
                            null,
                            f.signedAt(),
                            false,
                            false,
                            coversWholeFile,
                            VerificationReport.TOTAL_FAILED,
                            SubIndication.FORMAT_FAILURE.name(),
                            null,
                            f.documentTimestamp(),
                            false));
                }
            }
        } finally {
            later.close();
        }
        return Verdicts.judge(checks);
    }

    /** The lock's own findings (FieldMDP, SigFieldLock) are the only reasons DSS failed this signature. */
    private static boolean onlyLockFailures(SimpleReport simple, String id) {
        if (simple.getIndication(id) != Indication.TOTAL_FAILED
                || simple.getSubIndication(id) != SubIndication.FORMAT_FAILURE) {
            return false;
        }
        var errors = simple.getAdESValidationErrors(id);
        return !errors.isEmpty() && errors.stream().allMatch(m -> LOCK_FINDINGS.contains(m.getKey()));
    }

    private static final java.util.Set<String> LOCK_FINDINGS =
            java.util.Set.of("BBB_FC_ISVAFMDPD_ANS", "BBB_FC_ISVASFLD_ANS");

    private static boolean documentTimestampAfter(List<Found> found, Found signature) {
        return found.stream().anyMatch(f -> f.documentTimestamp() && end(f.byteRange()) > end(signature.byteRange()));
    }

    /**
     * Signed with one of the organisation's certificates, or one with the same subject (a renewal). The diagnostic
     * data holds each certificate's digest and subject, not its bytes (tokens are not extracted).
     */
    private boolean isOrganisation(SignatureWrapper s) {
        CertificateWrapper cert = s.getSigningCertificate();
        if (cert == null || organisation.isEmpty()) {
            return false;
        }
        try {
            var digest = cert.getDigestAlgoAndValue();
            javax.security.auth.x500.X500Principal subject = cert.getCertificateDN() == null
                    ? null
                    : new javax.security.auth.x500.X500Principal(cert.getCertificateDN());
            for (X509Certificate o : organisation) {
                if (o.getSubjectX500Principal().equals(subject)) {
                    return true;
                }
                if (digest != null
                        && digest.getDigestMethod() != null
                        && Arrays.equals(
                                digest.getDigestValue(),
                                java.security.MessageDigest.getInstance(
                                                digest.getDigestMethod().getJavaName())
                                        .digest(o.getEncoded()))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static SignatureCheck check(
            SignatureWrapper s, SimpleReport simple, Found f, boolean coversWholeFile, byte[] pdf, boolean seal) {
        CertificateWrapper cert = s.getSigningCertificate();
        String signer = cert != null ? cert.getCommonName() : null;
        if (signer == null || signer.isBlank()) {
            signer = simple.getSignedBy(s.getId());
        }
        boolean intact = wellFormed(f.byteRange(), pdf)
                && s.isSignatureIntact()
                && !s.getDigestMatchers().isEmpty()
                && s.getDigestMatchers().stream().allMatch(XmlDigestMatcher::isDataIntact);
        // only a timestamp DSS accepted (intact, from a TSA chaining to an anchor) says when the signature existed
        Instant timestamp = simple.getSignatureTimestamps(s.getId()).stream()
                .filter(t -> t.getIndication() == Indication.PASSED)
                .map(XmlTimestamp::getProductionTime)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .map(Date::toInstant)
                .orElse(null);
        Instant signedAt =
                s.getClaimedSigningTime() != null ? s.getClaimedSigningTime().toInstant() : f.signedAt();
        return new SignatureCheck(
                signer,
                signedAt,
                intact,
                cert != null && s.isTrustedChain(),
                coversWholeFile,
                indication(simple.getIndication(s.getId())),
                subIndication(simple.getSubIndication(s.getId())),
                timestamp,
                false,
                seal);
    }

    private static SignatureCheck check(
            TimestampWrapper t, SimpleReport simple, Found f, boolean coversWholeFile, byte[] pdf) {
        CertificateWrapper cert = t.getSigningCertificate();
        boolean intact = wellFormed(f.byteRange(), pdf) && t.isSignatureIntact() && t.isMessageImprintDataIntact();
        Instant time =
                t.getProductionTime() == null ? null : t.getProductionTime().toInstant();
        return new SignatureCheck(
                cert == null ? simple.getProducedBy(t.getId()) : cert.getCommonName(),
                time,
                intact,
                cert != null && t.isTrustedChain(),
                coversWholeFile,
                indication(simple.getIndication(t.getId())),
                subIndication(simple.getSubIndication(t.getId())),
                time,
                true,
                false);
    }

    /** Timestamps come back PASSED / FAILED: the same scale as signatures' TOTAL_PASSED / TOTAL_FAILED. */
    private static String indication(Indication indication) {
        if (indication == null) {
            return VerificationReport.INDETERMINATE;
        }
        return switch (indication) {
            case TOTAL_PASSED, PASSED -> VerificationReport.TOTAL_PASSED;
            case TOTAL_FAILED, FAILED -> VerificationReport.TOTAL_FAILED;
            default -> VerificationReport.INDETERMINATE;
        };
    }

    private static String subIndication(SubIndication sub) {
        return sub == null ? null : sub.name();
    }

    private static List<Long> longs(List<BigInteger> values) {
        return values == null
                ? List.of()
                : values.stream().map(BigInteger::longValue).toList();
    }

    private static ValidationPolicy loadPolicy() {
        try (InputStream in = PadesValidation.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + POLICY_RESOURCE);
            }
            return ValidationPolicyFacade.newFacade().getValidationPolicy(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable validation policy " + POLICY_RESOURCE, e);
        }
    }

    /** [0, a) and [b, b+c) with the hole [a, b) holding exactly the hex string "<…>". */
    private static boolean wellFormed(int[] br, byte[] pdf) {
        return br != null
                && br.length == 4
                && br[0] == 0
                && br[1] > 0
                && br[2] > br[1] + 1
                && br[3] >= 0
                && end(br) <= pdf.length
                && pdf[br[1]] == '<'
                && pdf[br[2] - 1] == '>';
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
            return signature.getSignDate() == null
                    ? null
                    : signature.getSignDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
