package vn.vanthu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Waits, before a timing, until the machine's other work has calmed down: the CPU time of all
 * processes (Linux {@code /proc/stat}) over the last second below a share of one core. Right
 * after Maven compiled the project its JVM is still compiling its own hot code for a few seconds,
 * and on 2 cores that added 2–3 s to the measured start-up (docs/benchmarks.md).
 */
final class QuietMachine {

    private QuietMachine() {}

    /** What the wait found: how long it took, and the cores busy in the last second before the timing. */
    record Found(long waitedMs, double busyCores) {}

    /** Waits until less than {@code busyCores} cores were busy over one second, at most {@code max}. */
    static Found await(double busyCores, Duration max) throws InterruptedException {
        Path stat = Path.of("/proc/stat");
        if (!Files.isReadable(stat)) {
            return new Found(0, Double.NaN);
        }
        long start = System.nanoTime();
        long[] before = read(stat);
        double busy = Double.NaN;
        while (System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(1000);
            long[] now = read(stat);
            long total = now[0] - before[0];
            long idle = now[1] - before[1];
            int cores = Runtime.getRuntime().availableProcessors();
            busy = total == 0 ? 0 : cores * (double) (total - idle) / total;
            before = now;
            if (busy < busyCores) {
                break;
            }
        }
        return new Found((System.nanoTime() - start) / 1_000_000, busy);
    }

    /** The first line of /proc/stat: all jiffies, and the idle and iowait ones. */
    private static long[] read(Path stat) {
        try {
            String[] f = Files.readAllLines(stat).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
