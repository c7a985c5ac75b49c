package vn.vanthu.rendering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** Test helper: text of a PDF and where each line of text sits, in PDF user space. */
final class PdfInspection {

    /** A line of text on a 0-based page; y of the baseline, origin bottom-left. */
    record Line(int page, String text, float x, float baselineY, float height) {}

    private PdfInspection() {}

    static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 0-based index of the first page whose text contains the snippet, or -1. */
    static int pageOf(byte[] pdf, String snippet) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                if (stripper.getText(doc).contains(snippet)) {
                    return i - 1;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Line> lines(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<Line> lines = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    TextPosition first = positions.get(0);
                    float pageHeight = getCurrentPage().getMediaBox().getHeight();
                    // TextPosition's YDirAdj is measured from the top; PDF user space from the bottom
                    lines.add(new Line(
                            getCurrentPageNo() - 1,
                            text,
                            first.getXDirAdj(),
                            pageHeight - first.getYDirAdj(),
                            first.getHeightDir()));
                    super.writeString(text, positions);
                }
            };
            stripper.setSortByPosition(true);
            stripper.getText(doc);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Line line(List<Line> lines, String text) {
        return lines.stream()
                .filter(l -> l.text().strip().equals(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No line \"" + text + "\" in " + lines));
    }
}
