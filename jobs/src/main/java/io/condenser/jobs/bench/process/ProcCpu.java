package io.condenser.jobs.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time a process has used so far, from {@code /proc/<pid>/stat}: user plus system time ({@code
 * utime + stime}, fields 14 and 15, in clock ticks) of all its threads. Linux only; the benchmark
 * reads it for every process it measures (job, broker, producer, generator).
 */
public final class ProcCpu {

    /** {@code getconf CLK_TCK} on every Linux this runs on (the kernel's USER_HZ). */
    public static final long DEFAULT_TICKS_PER_SECOND = 100;

    private static final long TICKS_PER_SECOND = ticksPerSecond();

    private ProcCpu() {}

    /** CPU milliseconds of {@code pid} so far, empty when the process is gone (or a zombie). */
    public static OptionalLong cpuMillis(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether this machine has {@code /proc} with per-process stat files. */
    public static boolean available() {
        return cpuMillis(ProcessHandle.current().pid()).isPresent();
    }

    /**
     * Parses one stat line. The second field ({@code comm}) is in parentheses and may contain
     * spaces, so fields are counted from the last {@code ')'}.
     */
    static OptionalLong parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] f = stat.substring(close + 2).trim().split(" +");
        // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12]
        if (f.length < 13 || f[0].equals("Z")) {
            return OptionalLong.empty();
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
    }

    private static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            long v = Long.parseLong(out);
            return v > 0 ? v : DEFAULT_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_TICKS_PER_SECOND;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_TICKS_PER_SECOND;
        }
    }
}
