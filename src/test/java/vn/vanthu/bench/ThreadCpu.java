package vn.vanthu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a phase's CPU went, by kind of thread (Linux: /proc/self/task/N/stat). Threads that ended
 * during the phase (the mail server's per-connection handlers) are counted as the difference to
 * the process total.
 */
final class ThreadCpu {

    private static final double NANOS_PER_TICK = 1e9 / 100; // USER_HZ is 100 on Linux

    private ThreadCpu() {}

    /** thread id + kind → CPU nanoseconds so far. */
    static Map<String, Long> snapshot() {
        Map<String, Long> result = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                    result.put(task.getFileName() + "|" + kind(comm), (long) (ticks * NANOS_PER_TICK));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return result;
    }

    static String kind(String comm) {
        return comm.replaceAll("[0-9#]+", "N").replaceAll("[^A-Za-z0-9N-]+", "-");
    }

    static void print(String prefix, Map<String, Long> before, long processNanos, int documents) {
        if (before.isEmpty()) {
            return;
        }
        Map<String, Long> after = snapshot();
        Map<String, Long> byKind = new TreeMap<>();
        long live = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            byKind.merge(e.getKey().substring(e.getKey().indexOf('|') + 1), delta, Long::sum);
            live += delta;
        }
        byKind.put("ended-threads", Math.max(0, processNanos - live));
        byKind.entrySet().stream()
                .filter(e -> e.getValue() / 1e6 / documents >= 1)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e ->
                        VanThuBenchmark.bench(prefix + e.getKey(), e.getValue() / 1e6 / documents, "ms per document"));
    }
}
