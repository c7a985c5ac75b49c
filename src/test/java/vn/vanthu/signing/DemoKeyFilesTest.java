package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Hardening, round three: the demo keys are the service account's only: 0600 files in 0700 folders. No Spring. */
class DemoKeyFilesTest {

    @Test
    void demoKeysAre0600In0700Folders() throws Exception {
        Assumptions.assumeTrue(
                FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path shared = Files.createTempDirectory("vanthu-key-modes-");
        SigningKeys keys = SigningKeys.demo(shared);
        keys.ensureDemoSigner("bithu", "Nguyễn Văn Bí Thư");
        keys.ensureDemoOrganisation("Đảng ủy Khối");
        keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());

        assertThat(mode(shared.resolve("keys"))).isEqualTo("rwx------");
        assertThat(mode(shared.resolve("keys/signers"))).isEqualTo("rwx------");
        assertThat(mode(shared.resolve(SigningKeys.DEMO_KEYSTORE_FILE))).isEqualTo("rw-------");
        assertThat(mode(shared.resolve("keys/signers/bithu.p12"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws Exception {
        assertThat(path).exists();
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
