package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The embedded default makes its demo keys after the start (the signing warm-up), not during it:
 * whatever needs a key first makes them or waits for them, they are made once, and a failure
 * reaches whoever needed the key. No Spring.
 */
class DemoKeysAfterStartTest {

    private static final Map<String, String> LEADERS = new LinkedHashMap<>(Map.of(
            "bithu", "Nguyễn Văn An",
            "phobithu", "Lê Thị Hằng"));

    @Test
    void theFirstToNeedAKeyGetsItAndTheKeysAreMadeOnce() throws Exception {
        Path data = Files.createTempDirectory("vanthu-demo-keys-");
        SigningKeys keys = SigningKeys.demo(data);
        keys.prepareDemoKeys(LEADERS, "Đảng ủy Khối");
        Path cer = data.resolve("keys/signers/bithu.cer");
        assertThat(cer).doesNotExist(); // nothing made during the start

        // two requests at once, before the warm-up: one makes the keys, the other waits for them
        CompletableFuture<X509Certificate> first = CompletableFuture.supplyAsync(() -> keys.signerCertificate("bithu"));
        CompletableFuture<X509Certificate> second =
                CompletableFuture.supplyAsync(() -> keys.signerCertificate("phobithu"));
        X509Certificate bithu = first.get(60, TimeUnit.SECONDS);
        assertThat(SigningKeys.commonName(bithu)).isEqualTo("Nguyễn Văn An");
        assertThat(SigningKeys.commonName(second.get(60, TimeUnit.SECONDS))).isEqualTo("Lê Thị Hằng");
        assertThat(SigningKeys.commonName(keys.organisation().certificate())).isEqualTo("Đảng ủy Khối");
        assertThat(keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray()).chain())
                .contains(keys.trustAnchors().get(0));

        FileTime made = Files.getLastModifiedTime(cer);
        keys.makeDemoKeys(); // the warm-up, late: nothing left to do
        assertThat(Files.getLastModifiedTime(cer)).isEqualTo(made);
        assertThat(keys.signerCertificate("bithu")).isEqualTo(bithu);
    }

    @Test
    void theWarmUpMakesThemBeforeAnyoneAsks() throws Exception {
        Path data = Files.createTempDirectory("vanthu-demo-keys-");
        SigningKeys keys = SigningKeys.demo(data);
        keys.prepareDemoKeys(LEADERS, "Đảng ủy Khối");
        keys.makeDemoKeys();
        assertThat(List.of("bithu.cer", "bithu.p12", "phobithu.cer", "phobithu.p12"))
                .allSatisfy(
                        f -> assertThat(data.resolve("keys/signers").resolve(f)).exists());
    }

    @Test
    void aFailureReachesWhoeverNeedsAKey() throws Exception {
        SigningKeys keys = SigningKeys.demo(Files.createTempDirectory("vanthu-demo-keys-"));
        keys.prepareDemoKeys(Map.of("../khong-hop-le", "X"), "Đảng ủy Khối");
        assertThatThrownBy(() -> keys.signerCertificate("bithu"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("demo keys could not be made")
                .hasCauseInstanceOf(NoSigningKeyException.class);
        // and again for the next one: not a key that silently is not there
        assertThatThrownBy(() -> keys.organisation()).isInstanceOf(IllegalStateException.class);
    }
}
