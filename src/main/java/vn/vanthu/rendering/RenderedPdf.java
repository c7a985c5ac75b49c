package vn.vanthu.rendering;

/**
 * A rendered document and where, on which page, the signature block leaves room for the
 * signer's visible signature and for the organisation's seal, so that signing can draw there.
 *
 * @param pdf        the PDF bytes
 * @param signerArea the empty area between the position line and the signer's name
 * @param sealArea   an area beside/over the signature block for the organisation's seal
 */
public record RenderedPdf(byte[] pdf, Area signerArea, Area sealArea) {

    /** A rectangle in PDF user space (points, origin bottom-left) on a 0-based page. */
    public record Area(int page, float x, float y, float width, float height) {
    }
}
