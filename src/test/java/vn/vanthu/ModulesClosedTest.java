package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A module's public face is what other modules use, beside {@link ModularityTest} (which keeps
 * them out of its sub-packages): a public type in a module's top package that no other module
 * names is a door left open, to be made package-private (Spring makes package-private beans,
 * binds package-private {@code @ConfigurationProperties} records and calls their listeners).
 * The sources are read as in {@link SourceModuleCyclesTest}, so a type used only for its
 * constants counts as used. What must stay public for another reason is listed in
 * {@link #PUBLIC_FOR}, each with why.
 */
class ModulesClosedTest {

    private static final Path SOURCES = Path.of("src/main/java/vn/vanthu");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:abstract|final|sealed|non-sealed|static)\\s+)*(?:class|interface|record|enum|@interface)\\s+(\\w+)");

    /** Public, though no other module names the type: why. */
    static final Map<String, String> PUBLIC_FOR = Map.ofEntries(
            Map.entry("agent.SigningAgent", "the signing agent's program: its main method"),
            Map.entry(
                    "distribution.DistributionSettings",
                    "the BPMN's ${distributionSettings.retryCycle}: JUEL calls public classes only"),
            Map.entry("workflow.Deadlines", "the BPMN's ${deadlines.…} due dates: JUEL calls public classes only"),
            Map.entry(
                    "workflow.DocumentStatusListener",
                    "the BPMN's ${documentStatus.mark(…)}: JUEL calls public classes only"),
            Map.entry(
                    "workflow.Consultation",
                    "the consultation route's ${consultation.…}: JUEL calls public classes only"),
            Map.entry("workflow.WorkflowSettings", "the BPMN's ${workflowSettings.…}: JUEL calls public classes only"),
            Map.entry(
                    "workflow.RemoteSignatureDelegates",
                    "holds ${remoteSigningSettings.…} of the BPMN: JUEL calls public classes only"),
            Map.entry(
                    "distribution.FailedDelivery",
                    "returned by DeliveryService.failed, which the web module's clerk page shows"),
            Map.entry(
                    "document.CalendarProperties",
                    "the tests' drafts (support.Drafts, web.BrowserWalkthroughTest) find a working day with it"));

    @Test
    void everyPublicTypeOfAModulesTopPackageIsUsedByAnotherModule() throws IOException {
        Map<String, String> sources = sources();
        List<String> open = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path relative = Path.of(e.getKey());
            if (relative.getNameCount() != 2) {
                continue; // the application class, or a sub-package (Modulith keeps those internal)
            }
            String module = relative.getName(0).toString();
            Matcher type = PUBLIC_TYPE.matcher(e.getValue());
            if (!type.find() || !relative.getFileName().toString().equals(type.group(1) + ".java")) {
                continue;
            }
            String name = module + "." + type.group(1);
            if (!PUBLIC_FOR.containsKey(name)
                    && usersOf(module, type.group(1), sources).isEmpty()) {
                open.add(name);
            }
        }
        assertThat(open)
                .as("public types no other module uses: make them package-private (or say in PUBLIC_FOR why not)")
                .isEmpty();
    }

    @Test
    void theAllowlistNamesOnlyTypesThatNeedIt() throws IOException {
        Map<String, String> sources = sources();
        List<String> stale = new ArrayList<>();
        for (String name : PUBLIC_FOR.keySet()) {
            String module = name.substring(0, name.indexOf('.'));
            String simple = name.substring(name.indexOf('.') + 1);
            String source = sources.get(module + "/" + simple + ".java");
            if (source == null
                    || !PUBLIC_TYPE.matcher(source).find()
                    || !usersOf(module, simple, sources).isEmpty()) {
                stale.add(name);
            }
        }
        assertThat(stale)
                .as("PUBLIC_FOR entries gone, no longer public, or used by another module now")
                .isEmpty();
    }

    @Test
    void theReaderSeesImportsWildcardsAndQualifiedNames() {
        Map<String, String> sources = Map.of(
                "a/A.java", "package vn.vanthu.a;\npublic class A {}",
                "b/B.java", "package vn.vanthu.b;\nimport vn.vanthu.a.*;\nclass B { A a; }",
                "c/C.java", "package vn.vanthu.c;\nclass C { Object o = vn.vanthu.a.Other.X; }",
                "d/D.java", "package vn.vanthu.d;\nimport static vn.vanthu.a.Third.Y;\nclass D {}");
        assertThat(usersOf("a", "A", sources)).containsExactly("b");
        assertThat(usersOf("a", "Other", sources)).containsExactly("c");
        assertThat(usersOf("a", "Third", sources)).containsExactly("d");
        assertThat(usersOf("a", "Fourth", sources)).isEmpty();
    }

    private static final Pattern QUALIFIED = Pattern.compile("\\bvn\\.vanthu\\.(\\w+)\\.(\\w+)");
    private static final Pattern WILDCARD = Pattern.compile("\\bimport\\s+vn\\.vanthu\\.(\\w+)\\.\\*;");
    private static final Pattern WORD = Pattern.compile("\\w+");

    /** What one source names, read once: {@code module.Type} it spells out, modules it imports with *, words. */
    private record Names(Set<String> qualified, Set<String> wildcards, Set<String> words) {

        private static final Map<String, Names> READ = new java.util.concurrent.ConcurrentHashMap<>();

        static Names of(String source) {
            return READ.computeIfAbsent(source, Names::read);
        }

        private static Names read(String source) {
            Set<String> qualified = new java.util.HashSet<>();
            Matcher q = QUALIFIED.matcher(source);
            while (q.find()) {
                qualified.add(q.group(1) + "." + q.group(2));
            }
            Set<String> wildcards = new java.util.HashSet<>();
            Matcher w = WILDCARD.matcher(source);
            while (w.find()) {
                wildcards.add(w.group(1));
            }
            Set<String> words = new java.util.HashSet<>();
            Matcher word = WORD.matcher(source);
            while (word.find()) {
                words.add(word.group());
            }
            return new Names(qualified, wildcards, words);
        }
    }

    /** The other modules whose main sources name the type of this module's top package. */
    static Set<String> usersOf(String module, String type, Map<String, String> sources) {
        Set<String> users = new TreeSet<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path relative = Path.of(e.getKey());
            String other =
                    relative.getNameCount() < 2 ? "" : relative.getName(0).toString();
            if (other.equals(module)) {
                continue;
            }
            Names names = Names.of(e.getValue());
            if (names.qualified().contains(module + "." + type)
                    || (names.wildcards().contains(module) && names.words().contains(type))) {
                users.add(other.isEmpty() ? "(application)" : other);
            }
        }
        return users;
    }

    /** Path under vn/vanthu (with '/') → source. */
    private static Map<String, String> sources() throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(SOURCES.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        }
        return sources;
    }
}
