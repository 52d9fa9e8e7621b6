package io.condenser.connectors.bench;

import io.condenser.connectors.graphite.GraphiteParser;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines (= samples) per second per core for collectd {@code write_graphite} output: 10,000 lines
 * from 50 hosts (cpu, load, memory, interface, df plugins; 200 distinct paths per host), as one
 * buffer. {@code templates=collectd} maps {@code collectd.* .host.measurement.field*}; {@code none}
 * keeps the whole path as the name. The path cache holds every path (steady state: collectd sends
 * the same paths each interval); {@code cache=cold} sizes it to 1 to measure the mapping.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GraphiteParserBenchmark {

    static final int LINES = 10_000;

    @Param({"none", "collectd"})
    public String templates;

    @Param({"warm", "cold"})
    public String cache;

    private byte[] input;
    private GraphiteParser parser;
    private BlackholeListener listener;

    @Setup
    public void setup(Blackhole bh) {
        input = collectdInput(LINES).getBytes(StandardCharsets.UTF_8);
        GraphiteParser.Builder b = GraphiteParser.builder().clock(() -> 1_700_000_000_000L);
        if (templates.equals("collectd")) {
            b.templates(List.of("collectd.* .host.measurement.field*"));
        }
        b.pathCacheSize(cache.equals("warm") ? 100_000 : 1);
        parser = b.build();
        listener = new BlackholeListener(bh);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void parse() {
        parser.parse(input, listener);
    }

    static String collectdInput(int lines) {
        Random r = new Random(42);
        String[] paths = new String[200];
        int p = 0;
        for (int cpu = 0; cpu < 8; cpu++) {
            for (String state :
                    List.of(
                            "idle",
                            "user",
                            "system",
                            "wait",
                            "nice",
                            "interrupt",
                            "softirq",
                            "steal")) {
                paths[p++] = "cpu-" + cpu + ".cpu-" + state;
            }
        }
        for (String l : List.of("shortterm", "midterm", "longterm")) {
            paths[p++] = "load.load." + l;
        }
        for (String m : List.of("used", "free", "buffered", "cached", "slab_recl", "slab_unrecl")) {
            paths[p++] = "memory.memory-" + m;
        }
        while (p < paths.length) {
            int i = p;
            paths[p++] =
                    (i % 2 == 0
                            ? "interface-eth" + (i % 7) + ".if_octets.rx"
                            : "df-var-lib-" + i + ".df_complex-used");
        }
        StringBuilder sb = new StringBuilder(lines * 60);
        long ts = 1_700_000_000L;
        for (int i = 0; i < lines; i++) {
            String host = "web-" + String.format("%03d", (i / paths.length) % 50) + "_example_com";
            sb.append("collectd.")
                    .append(host)
                    .append('.')
                    .append(paths[i % paths.length])
                    .append(' ');
            sb.append(
                    r.nextInt(4) == 0
                            ? Long.toString(r.nextInt(1_000_000))
                            : String.format("%.6g", r.nextDouble() * 1e6));
            sb.append(' ').append(ts + i / 2_000).append('\n');
        }
        return sb.toString();
    }

    /** Hands every sample to JMH so the parser cannot be optimised away. */
    static final class BlackholeListener implements ParseListener {
        private final Blackhole bh;

        BlackholeListener(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void onSample(Sample sample) {
            bh.consume(sample);
        }

        @Override
        public void onRejected(Rejection rejection) {
            throw new IllegalStateException("benchmark input rejected: " + rejection);
        }

        @Override
        public void onSkipped(String reason, long count) {
            bh.consume(count);
        }
    }
}
