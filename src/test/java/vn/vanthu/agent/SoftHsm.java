package vn.vanthu.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A softhsm2 token made for a test, in the store its surefire execution names in SOFTHSM2_CONF
 * (softhsm2 reads its token list when first loaded in a JVM, so each such test has a JVM and store of
 * its own). Made with Debian's softhsm2-util; opened through the JDK's SunPKCS11.
 */
record SoftHsm(String label, int slot, String pin) {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    /** softhsm2 installed and a store named: the tests that need a token skip without it. */
    static boolean available() {
        return Files.exists(Path.of(LIBRARY))
                && System.getenv("SOFTHSM2_CONF") != null
                && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"));
    }

    /** A new, empty token with this user PIN; the store is made when missing, never wiped. */
    static SoftHsm newToken(String labelPrefix, String pin) throws Exception {
        Path conf = Path.of(System.getenv("SOFTHSM2_CONF"));
        if (!Files.exists(conf)) {
            Path tokens =
                    Files.createDirectories(conf.toAbsolutePath().getParent().resolve("tokens"));
            Files.writeString(
                    conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        }
        String label = labelPrefix + "-"
                + HexFormat.of().toHexDigits(System.nanoTime()).substring(8);
        run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "so-" + pin);
        return new SoftHsm(label, slotIndex(label), pin);
    }

    /** The token as a SunPKCS11 provider (named for the test), not logged in yet. */
    Provider provider(String name) {
        return Security.getProvider("SunPKCS11")
                .configure("--name = " + name + "\nlibrary = " + LIBRARY + "\nslotListIndex = " + slot + "\n");
    }

    void delete() throws Exception {
        run("softhsm2-util", "--delete-token", "--token", label);
    }

    /** The slot list index, as SunPKCS11 and the agent's --slot count (not softhsm's own slot ids). */
    private static int slotIndex(String label) throws Exception {
        List<String> labels = new ArrayList<>();
        for (String line : run("softhsm2-util", "--show-slots").split("\n")) {
            if (line.strip().startsWith("Label:")) {
                labels.add(line.strip().substring("Label:".length()).strip());
            }
        }
        int index = labels.indexOf(label);
        assertThat(index).as(labels.toString()).isNotNegative();
        return index;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
