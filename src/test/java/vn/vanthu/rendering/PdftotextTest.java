package vn.vanthu.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second, independent reader (poppler) must find the same Vietnamese text; skipped without poppler-utils. */
class PdftotextTest {

    @TempDir
    Path dir;

    @Test
    void popplerExtractsTheVietnameseText() throws Exception {
        assumeTrue(onPath("pdftotext"), "pdftotext (poppler-utils) not installed");
        Path pdf = dir.resolve("gm.pdf");
        Files.write(pdf, new DocumentRenderer().render(Samples.invitation()).pdf());

        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();

        assertThat(text)
                .contains(
                        "ĐẢNG CỘNG SẢN VIỆT NAM",
                        "Số 117-GM/ĐUK",
                        "GIẤY MỜI",
                        "Quy Nhơn, ngày 05 tháng 02 năm 2026",
                        "T/M BAN THƯỜNG VỤ",
                        "BÍ THƯ",
                        "Nguyễn Văn An",
                        "Nơi nhận:",
                        "- Lưu Văn phòng.",
                        "thứ Năm, ngày 26 tháng 11 năm 2026");
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
