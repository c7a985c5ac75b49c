package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Nodes sharing one key folder ({@code vanthu.shared-dir}) end up with one demo CA, one seal and one
 * key per leader, however they race: each SigningKeys here stands for a node (across JVMs the same
 * file lock is what ClusterTest exercises). No Spring.
 */
class SharedDemoKeysTest {

    @Test
    void nodesStartingTogetherOnOneFolderMakeOneCaOneSealAndOneKeyPerLeader() throws Exception {
        Path shared = Files.createTempDirectory("vanthu-shared-keys-");
        int nodes = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        List<Future<SigningKeys>> started = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            started.add(pool.submit(() -> {
                SigningKeys node = SigningKeys.demo(shared);
                start.await();
                // what DemoData does at start-up
                node.ensureDemoSigner("bithu", "Nguyễn Văn Bí Thư");
                node.ensureDemoSigner("phobithu", "Trần Thị Phó");
                node.ensureDemoOrganisation("Đảng ủy Khối");
                return node;
            }));
        }
        start.countDown();
        List<SigningKeys> keys = new ArrayList<>();
        for (Future<SigningKeys> f : started) {
            keys.add(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        X509Certificate ca = keys.get(0).trustAnchors().get(0);
        X509Certificate seal = keys.get(0).organisation().certificate();
        X509Certificate leader = keys.get(0).signerCertificate("bithu");
        for (SigningKeys node : keys) {
            assertThat(node.trustAnchors()).containsExactly(ca);
            assertThat(node.organisation().certificate()).isEqualTo(seal);
            assertThat(node.signerCertificate("bithu")).isEqualTo(leader);
            assertThat(node.signer("bithu", SigningKeys.DEMO_PIN.toCharArray()).chain())
                    .contains(ca);
        }
        // a node started later reads what the first ones made
        SigningKeys late = SigningKeys.demo(shared);
        assertThat(late.trustAnchors()).containsExactly(ca);
        assertThat(late.organisation().certificate()).isEqualTo(seal);
        seal.verify(ca.getPublicKey());
    }

    @Test
    void aKeyAnotherNodeAddsLaterIsReadNotMadeAgain() throws Exception {
        Path shared = Files.createTempDirectory("vanthu-shared-keys-");
        SigningKeys a = SigningKeys.demo(shared);
        SigningKeys b = SigningKeys.demo(shared);
        X509Certificate ca = a.trustAnchors().get(0); // a makes the CA; b loads it at its first use
        assertThat(b.trustAnchors()).containsExactly(ca);
        a.ensureDemoOrganisation("Đảng ủy Khối"); // after b loaded the store
        SigningIdentity tsaOfB = b.demoTimestampAuthority().orElseThrow(); // b adds an entry: a's seal must survive
        assertThat(b.organisation().certificate()).isEqualTo(a.organisation().certificate());
        assertThat(a.demoTimestampAuthority().orElseThrow().certificate()).isEqualTo(tsaOfB.certificate());
    }
}
