package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/** A version's preview is rendered once; a new version gets its own (issue 15, item 8). */
class PreviewCacheTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void aVersionsPreviewIsRenderedOnceAndANewVersionGetsItsOwn() throws Exception {
        Map<String, Object> draft = new java.util.HashMap<>(
                Drafts.invitation("Xem trước một lần " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        long id = flow.create(draft);
        String url = "/van-ban/" + id + "/pdf";
        long t0 = System.nanoTime();
        Api.Response first = as("chuyenvien").get(url);
        long t1 = System.nanoTime();
        Api.Response second = as("chuyenvien").get(url);
        long t2 = System.nanoTime();
        assertThat(first.status()).isEqualTo(200);
        // each rendering carries its own creation time and file id: the same bytes mean the same rendering
        assertThat(second.body()).isEqualTo(first.body());
        System.out.printf("PREVIEW first %.0f ms, cached %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);

        draft.put("title", "Xem trước phiên bản hai " + Drafts.uniqueDomain());
        assertThat(as("chuyenvien").put("/api/documents/" + id, draft).status()).isEqualTo(200);
        Api.Response edited = as("chuyenvien").get(url);
        assertThat(edited.body()).isNotEqualTo(first.body());
        try (PDDocument pdf = Loader.loadPDF(edited.body())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Xem trước phiên bản hai");
        }
    }
}
