package io.condenser.jobs.bench.harness;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.jobs.Pipeline;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.bench.BenchRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import io.condenser.model.Sample;
import io.condenser.rules.parse.DurationParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's own scaling, in-process (docs/benchmarks.md, "End-to-end job"): Telegraf-shaped samples
 * from a {@code DataGeneratorSource} at full speed → the pipeline (RocksDB, full checkpoints) → a
 * discarding sink that records latency, on an embedded MiniCluster, once per rule-set size. Prints
 * samples/s (and per core), p50/p99 latency from window end to sink, the latest checkpoint's size
 * and duration and the full state bytes per active input series: what the rule count and the state
 * cost, with no network and no broker. Paths, CPU per component and loss are {@code ./condenser
 * bench}'s job (docs/comparison.md).
 *
 * <p>Arguments: see {@link HarnessOptions}; {@code series=100000 rules=10,5000 parallelism=2
 * warmup=20 measure=40 interval=10s checkpoint=10s}.
 */
public final class PipelineBenchmarkHarness {

    private PipelineBenchmarkHarness() {}

    public static void main(String[] args) throws Exception {
        HarnessOptions o = HarnessOptions.parse(args);
        System.out.printf(
                "machine: %d cores, JDK %s; %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o);
        for (int rules : o.rules()) {
            run(o, rules);
        }
        System.exit(0); // MiniCluster leaves non-daemon threads behind
    }

    static void run(HarnessOptions o, int ruleCount) throws Exception {
        Path checkpoints = Files.createTempDirectory("condenser-bench-");
        int restPort = ExternalServer.freePort();
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        // full checkpoints: their size is the whole state, what "bytes per series" divides
        conf.setString("execution.checkpointing.incremental", "false");
        conf.setString("execution.checkpointing.interval", o.checkpoint().toMillis() + "ms");
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString("pipeline.generic-types", "false");
        conf.setString("rest.port", Integer.toString(restPort));
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("taskmanager.numberOfTaskSlots", Integer.toString(o.parallelism()));
        o.flink().forEach(conf::setString);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(o.parallelism());

        DataStream<Sample> metrics =
                env.fromSource(
                        new DataGeneratorSource<>(
                                new TelegrafTrafficGenerator(o.series()),
                                Long.MAX_VALUE,
                                SampleTypeInfo.INSTANCE),
                        WatermarkStrategy.<Sample>forBoundedOutOfOrderness(Duration.ofMillis(100))
                                .withTimestampAssigner((s, t) -> s.timestampMs()),
                        "telegraf-traffic");
        String yaml =
                BenchRules.yaml(
                        ruleCount, DurationParser.parse(o.interval()), o.fleetCountSeries());
        DataStream<RuleSetUpdate> rules =
                env.fromData(
                                List.of(
                                        new RuleSetUpdate(
                                                1,
                                                "bench",
                                                new TreeMap<>(Map.of("bench.yaml", yaml)))),
                                RuleSetUpdateTypeInfoFactory.TYPE_INFO)
                        .setParallelism(1);
        Pipeline.build(
                env,
                PipelineSettings.builder().rulesGrace(Duration.ofSeconds(5)).build(),
                metrics,
                rules,
                new LatencySink());
        LatencySink.reset();
        JobClient job = env.executeAsync("condenser-bench-" + ruleCount + "-rules");
        HarnessRest rest = new HarnessRest(restPort, job.getJobID());
        try {
            Thread.sleep(o.warmupS() * 1000L);
            long g0 = TelegrafTrafficGenerator.GENERATED.sum();
            long t0 = System.nanoTime();
            LatencySink.recording = true;
            Thread.sleep(o.measureS() * 1000L);
            long g1 = TelegrafTrafficGenerator.GENERATED.sum();
            long t1 = System.nanoTime();
            LatencySink.recording = false;
            double seconds = (t1 - t0) / 1e9;
            report(o, ruleCount, (g1 - g0) / seconds, rest.checkpoints());
        } finally {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("cancel: " + e);
            }
        }
    }

    private static void report(HarnessOptions o, int ruleCount, double rate, JsonNode cp) {
        long[] lat = LatencySink.sortedLatencies();
        JsonNode latest = cp.path("latest").path("completed");
        long stateBytes = latest.path("state_size").asLong(-1);
        System.out.printf(
                Locale.ROOT,
                "RESULT rules=%d fleetCountSeries=%s series=%d parallelism=%d measured_s=%d samples_per_s=%.0f"
                        + " samples_per_s_per_core=%.0f outputs=%d latency_p50_ms=%d"
                        + " latency_p99_ms=%d latency_max_ms=%d checkpoints_completed=%d"
                        + " checkpoint_state_bytes=%d checkpoint_duration_ms=%d"
                        + " checkpoint_duration_avg_ms=%d checkpoint_duration_max_ms=%d"
                        + " state_bytes_per_series=%.1f sink_samples_total=%d%n",
                ruleCount,
                o.fleetCountSeries(),
                o.series(),
                o.parallelism(),
                o.measureS(),
                rate,
                rate / o.parallelism(),
                lat.length,
                percentile(lat, 0.50),
                percentile(lat, 0.99),
                lat.length == 0 ? -1 : lat[lat.length - 1],
                cp.path("counts").path("completed").asLong(),
                stateBytes,
                latest.path("end_to_end_duration").asLong(-1),
                cp.path("summary").path("end_to_end_duration").path("avg").asLong(-1),
                cp.path("summary").path("end_to_end_duration").path("max").asLong(-1),
                stateBytes < 0 ? -1.0 : (double) stateBytes / o.series(),
                LatencySink.RECEIVED.sum());
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
