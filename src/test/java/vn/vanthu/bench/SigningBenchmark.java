package vn.vanthu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.signing.DemoSigning;
import vn.vanthu.signing.DocumentSigner;
import vn.vanthu.signing.SignatureImages;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.signing.SigningKeys;

/**
 * The signing path alone, without Spring or the engine: render a Giấy mời, the leader's signature,
 * the seal (fill-in + B-LT), one thread, so a profile ({@code -Dbench.jvmArgs=-XX:StartFlightRecording…})
 * shows only the cryptography and the PDF work. Prints the CPU time of each phase per document.
 */
class SigningBenchmark {

    @Test
    void signingPhases() throws Exception {
        int warmUp = Integer.getInteger("bench.signing.warmup", 60);
        int runs = Integer.getInteger("bench.signing.runs", 60);
        Path data = Files.createTempDirectory("vanthu-bench-signing-");
        SigningKeys keys = SigningKeys.demo(data);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn An");
        keys.ensureDemoOrganisation("Đảng ủy Khối các cơ quan tỉnh");
        DocumentSigner signer = DemoSigning.signer(keys);
        SignatureImages images = new SignatureImages(new SignatureImages.Settings(null, null));
        DocumentRenderer renderer = new DocumentRenderer();
        SigningIdentity leader = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        byte[] image = images.signer("bithu", leader.displayName());
        byte[] seal = images.seal(keys.organisationName());
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long render = 0, lead = 0, sealing = 0;
        for (int i = 0; i < warmUp + runs; i++) {
            boolean timed = i >= warmUp;
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            long t0 = cpu.getCurrentThreadCpuTime();
            RenderedPdf rendered = renderer.render(vn.vanthu.support.SampleSheets.invitation());
            long t1 = cpu.getCurrentThreadCpuTime();
            byte[] signed = signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), now);
            long t2 = cpu.getCurrentThreadCpuTime();
            signer.seal(
                    signed,
                    "Số " + (100 + i) + "-GM/ĐUK",
                    "Quy Nhơn, ngày 28 tháng 11 năm 2026",
                    keys.organisation(),
                    seal,
                    rendered.signerArea(),
                    DocumentSigner.leaderImageArea(rendered.signerArea(), image),
                    keys.organisationName(),
                    now.plusSeconds(1));
            long t3 = cpu.getCurrentThreadCpuTime();
            if (timed) {
                render += t1 - t0;
                lead += t2 - t1;
                sealing += t3 - t2;
            }
        }
        VanThuBenchmark.bench("signing.render-cpu-ms", render / 1e6 / runs, "ms of CPU per document (one thread)");
        VanThuBenchmark.bench(
                "signing.leader-cpu-ms", lead / 1e6 / runs, "ms of CPU per document (leader's signature)");
        VanThuBenchmark.bench("signing.seal-cpu-ms", sealing / 1e6 / runs, "ms of CPU per document (fill-in + seal)");
        org.springframework.util.FileSystemUtils.deleteRecursively(data);
    }
}
