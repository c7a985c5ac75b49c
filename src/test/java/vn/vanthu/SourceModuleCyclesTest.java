package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * The modules' dependencies as the sources write them, beside {@link ModularityTest}, which reads
 * bytecode: javac inlines a compile-time constant (a process key, a group name), so a module that
 * uses only another's constants leaves no trace there. Every import (static ones too) and every
 * fully qualified name counts here.
 */
class SourceModuleCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/vn/vanthu");
    private static final Pattern REFERENCE = Pattern.compile("\\bvn\\.vanthu\\.([a-z]+)\\.");

    @Test
    void noModuleReachesItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = dependencies();
        List<List<String>> cycles = new ArrayList<>();
        for (String module : uses.keySet()) {
            List<String> back = path(uses, module);
            if (back != null) {
                cycles.add(back);
            }
        }
        assertThat(cycles)
                .as("module cycles (each: a module, the modules it goes through, back to itself)")
                .isEmpty();
    }

    @Test
    void theReaderSeesConstantsAndStaticImports() {
        Map<String, Set<String>> uses = new TreeMap<>();
        read("monitoring", "import static vn.vanthu.workflow.DocumentIssuanceProcess.KEY;", uses);
        read("workflow", "String k = vn.vanthu.monitoring.MonitoringSettings.NAME;", uses);
        assertThat(uses)
                .containsEntry("monitoring", Set.of("workflow"))
                .containsEntry("workflow", Set.of("monitoring"));
        assertThat(path(uses, "monitoring")).containsExactly("monitoring", "workflow", "monitoring");
    }

    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // VanThuApplication: the whole, not a module
                }
                read(relative.getName(0).toString(), Files.readString(file), uses);
            }
        }
        return uses;
    }

    static void read(String module, String source, Map<String, Set<String>> uses) {
        Set<String> targets = uses.computeIfAbsent(module, m -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(source);
        while (m.find()) {
            if (!m.group(1).equals(module)) {
                targets.add(m.group(1));
            }
        }
    }

    /** A path of dependencies from the module back to itself, or null. */
    static List<String> path(Map<String, Set<String>> uses, String start) {
        Deque<List<String>> open = new ArrayDeque<>();
        open.add(List.of(start));
        Set<String> seen = new TreeSet<>();
        while (!open.isEmpty()) {
            List<String> path = open.poll();
            for (String next : uses.getOrDefault(path.get(path.size() - 1), Set.of())) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(start)) {
                    return longer;
                }
                if (seen.add(next)) {
                    open.add(longer);
                }
            }
        }
        return null;
    }
}
