package vn.vanthu.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The softhsm2 token store of the test JVM (SOFTHSM2_CONF, set in pom.xml), with every token its tests
 * use. softhsm2 reads its token list once, when a JVM first loads the library: a token made later would
 * not be seen, and a token deleted later would shift the slot list. So the first test to ask makes all of
 * them at once, in a store wiped first, and none is deleted until the next run.
 */
public final class SoftHsmStore {

    public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";

    /** Pkcs11SigningTest: the organisation's seal. */
    public static final String SEAL = "seal";
    /** Pkcs11SigningTest: a leader's key (bithu's). */
    public static final String LEADER = "bithu";
    /** TokenSigningBrowserTest: the USB token the local signing agent opens. */
    public static final String USB = "usb-token";

    public static final String SEAL_PIN = "seal-1234";
    public static final String LEADER_PIN = "7731";
    public static final String USB_PIN = "2468";

    private static final Map<String, String> PINS = Map.of(SEAL, SEAL_PIN, LEADER, LEADER_PIN, USB, USB_PIN);

    /** A token: its label, user PIN and slot list index (as SunPKCS11 and the agent's --slot count). */
    public record Token(String label, String pin, int slot) {}

    private static Map<String, Token> tokens;

    private SoftHsmStore() {}

    /** softhsm2 installed and a store named: the tests that need a token skip without it. */
    public static boolean available() {
        return Files.exists(Path.of(LIBRARY))
                && System.getenv("SOFTHSM2_CONF") != null
                && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"));
    }

    /** The store's folder (beside softhsm2.conf): room for a test's own files too. */
    public static Path dir() {
        return Path.of(System.getenv("SOFTHSM2_CONF")).toAbsolutePath().getParent();
    }

    /** One of the tokens above, empty when first asked for; the store is made at the first call. */
    public static synchronized Token token(String label) throws Exception {
        if (tokens == null) {
            tokens = makeStore();
        }
        return tokens.get(label);
    }

    private static Map<String, Token> makeStore() throws Exception {
        Path dir = dir();
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Path tokenDir = Files.createDirectories(dir.resolve("tokens"));
        Files.writeString(
                Path.of(System.getenv("SOFTHSM2_CONF")),
                "directories.tokendir = " + tokenDir + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        for (String label : List.of(SEAL, LEADER, USB)) {
            String pin = PINS.get(label);
            run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "so-" + pin);
        }
        // softhsm2 gives tokens random slot ids; the slot list index is the order it lists them in
        List<String> labels = new ArrayList<>();
        for (String line : run("softhsm2-util", "--show-slots").split("\n")) {
            if (line.strip().startsWith("Label:")) {
                labels.add(line.strip().substring("Label:".length()).strip());
            }
        }
        Map<String, Token> made = new LinkedHashMap<>();
        for (String label : List.of(SEAL, LEADER, USB)) {
            int slot = labels.indexOf(label);
            assertThat(slot).as(labels.toString()).isNotNegative();
            made.put(label, new Token(label, PINS.get(label), slot));
        }
        return made;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
