package vn.vanthu.rendering;

/**
 * A rendered document and where, on which page, the signature block leaves room for the
 * leader's signature image and the seal over it (DocumentSigner places both in this area).
 *
 * @param pdf        the PDF bytes
 * @param signerArea the empty area between the position line and the signer's name
 */
public record RenderedPdf(byte[] pdf, Area signerArea) {

    /** A rectangle in PDF user space (points, origin bottom-left) on a 0-based page. */
    public record Area(int page, float x, float y, float width, float height) {}
}
