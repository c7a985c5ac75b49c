package vn.vanthu.signing;

import java.time.Instant;

/**
 * One signature of a PDF.
 *
 * @param signer             the signing certificate's subject common name (null if the CMS could not be read)
 * @param signedAt           the signature dictionary's /M (claimed by the signer, not a timestamp)
 * @param intact             byte range well-formed, CMS signature and message digest verify
 * @param certificateTrusted the certificate chains to one of {@link SigningKeys#trustAnchors()}
 * @param coversWholeFile    nothing was appended after this signature
 */
public record SignatureCheck(
        String signer,
        Instant signedAt,
        boolean intact,
        boolean certificateTrusted,
        boolean coversWholeFile) {
}
