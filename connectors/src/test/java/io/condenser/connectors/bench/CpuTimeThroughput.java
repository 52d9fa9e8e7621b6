package io.condenser.connectors.bench;

import io.condenser.connectors.lineprotocol.LineProtocolParser;
import io.condenser.connectors.lineprotocol.Precision;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Lines per CPU-second of the parsing thread, next to JMH's wall-clock score. On a machine shared
 * with other builds, wall-clock throughput mostly measures the share of a core the benchmark got;
 * thread CPU time measures the parser. Run: {@code java -cp <test classpath>
 * io.condenser.connectors.bench.CpuTimeThroughput}.
 */
public final class CpuTimeThroughput {

    private CpuTimeThroughput() {}

    public static void main(String[] args) {
        byte[] body = TelegrafCorpus.bytes(20, 10, 42);
        int lines = 2_000;
        LineProtocolParser parser =
                LineProtocolParser.create(Precision.NANOSECONDS, System::currentTimeMillis);
        long[] samples = new long[1];
        ParseListener l =
                new ParseListener() {
                    @Override
                    public void onSample(Sample sample) {
                        samples[0] += sample.name().length();
                    }

                    @Override
                    public void onRejected(Rejection rejection) {
                        throw new IllegalStateException(rejection.toString());
                    }
                };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 8; round++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            int bodies = 0;
            while (System.nanoTime() - wall0 < 2_000_000_000L) {
                parser.parse(body, l);
                bodies++;
            }
            double cpuS = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            double wallS = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(
                    "round %d: %.0f lines per CPU-second, %.0f lines per wall-second (%.0f%% of a"
                            + " core)%n",
                    round,
                    bodies * (double) lines / cpuS,
                    bodies * (double) lines / wallS,
                    100 * cpuS / wallS);
        }
        System.out.println(samples[0] == 42 ? "" : "done");
    }
}
