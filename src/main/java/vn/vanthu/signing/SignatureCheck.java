package vn.vanthu.signing;

import java.time.Instant;

/**
 * One signature (or document timestamp) of a PDF, as DSS judged it.
 *
 * @param signer             the signing certificate's subject common name (null if the CMS could not be read)
 * @param signedAt           the signature dictionary's /M (claimed by the signer, not a timestamp)
 * @param intact             byte range well-formed, CMS signature value and message digest verify
 * @param certificateTrusted the certificate chains to one of the trust anchors
 * @param coversWholeFile    nothing was appended after this signature
 * @param indication         ETSI EN 319 102-1 indication: TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
 * @param subIndication      ETSI sub-indication (e.g. NO_CERTIFICATE_CHAIN_FOUND, HASH_FAILURE), null when passed
 * @param timestamp          the time of the signature's RFC 3161 signature timestamp (for a document timestamp,
 *                           its own time); null when there is none
 * @param documentTimestamp  a document timestamp (/DocTimeStamp), not a person's or organisation's signature
 * @param organisationSeal   made with the organisation's certificate (its own, or one with its subject): the seal
 */
record SignatureCheck(
        String signer,
        Instant signedAt,
        boolean intact,
        boolean certificateTrusted,
        boolean coversWholeFile,
        String indication,
        String subIndication,
        Instant timestamp,
        boolean documentTimestamp,
        boolean organisationSeal) {

    /** The same check, passed: DSS's one finding was overruled by a stricter check of ours. */
    SignatureCheck passedAfterAll() {
        return new SignatureCheck(
                signer,
                signedAt,
                intact,
                certificateTrusted,
                coversWholeFile,
                VerificationReport.TOTAL_PASSED,
                null,
                timestamp,
                documentTimestamp,
                organisationSeal);
    }

    boolean passed() {
        return VerificationReport.TOTAL_PASSED.equals(indication);
    }
}
