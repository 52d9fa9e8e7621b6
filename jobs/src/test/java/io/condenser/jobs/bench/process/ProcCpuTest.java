package io.condenser.jobs.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Process CPU from /proc/PID/stat, and the meter that sums it per component between marks. */
class ProcCpuTest {

    @Test
    void parsesUserPlusSystemTimeEvenWithSpacesInTheName() {
        String stat =
                "4242 (java thread (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1"
                        + " 2 3";
        assertThat(ProcCpu.parse(stat))
                .hasValue((250 + 50) * 1000 / ProcCpu.DEFAULT_TICKS_PER_SECOND);
        assertThat(ProcCpu.parse(stat.replace(") S ", ") Z ")))
                .as("a zombie has no CPU left")
                .isEmpty();
        assertThat(ProcCpu.parse("garbage")).isEmpty();
    }

    @Test
    void readsThisProcessAndNothingForAPidThatIsGone() throws Exception {
        assertThat(ProcCpu.available()).isTrue();
        long pid = ProcessHandle.current().pid();
        long before = ProcCpu.cpuMillis(pid).orElseThrow();
        long spin = System.nanoTime() + 300_000_000L;
        double x = 0;
        while (System.nanoTime() < spin) {
            x += Math.sqrt(x + 1);
        }
        assertThat(x).isPositive();
        assertThat(ProcCpu.cpuMillis(pid).orElseThrow()).isGreaterThan(before);
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(ProcCpu.cpuMillis(p.pid())).isEmpty();
    }

    @Test
    void theMeterCountsAProcessBornBetweenMarksFromZeroAndKeepsADeadOnesLastReading() {
        CpuMeter meter = new CpuMeter();
        long self = ProcessHandle.current().pid();
        List<Long>[] pids = new List[] {List.of()};
        meter.add("job", () -> pids[0]);
        meter.add("none", List::of);
        CpuMeter.Mark start = meter.mark();
        pids[0] = List.of(self);
        CpuMeter.Mark later = meter.mark();
        assertThat(start.secondsUntil(later, "job"))
                .isEqualTo(later.byComponent().get("job").get(self) / 1000.0);
        pids[0] = List.of(); // the process "died": its last reading stays
        CpuMeter.Mark end = meter.mark();
        assertThat(later.secondsUntil(end, "job")).isZero();
        assertThat(start.secondsUntil(end, "none")).isEqualTo(-1);
    }
}
