package io.condenser.jobs.bench;

import io.condenser.connectors.model.Sample;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.jobs.Pipeline;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * End-to-end benchmark of the job (docs/benchmarks.md, "End-to-end job"): Telegraf-shaped traffic
 * at full speed (in-process, or the load generator over TCP into the direct source) → the pipeline
 * (RocksDB, full checkpoints) → a discarding sink that records latency (or the remote-write sink
 * into a local Prometheus), on an embedded MiniCluster, once per rule-set size. Prints samples/s
 * (and per core), p50/p99 latency from window end to sink, the latest checkpoint's size and
 * duration, full state bytes per active input series, and what Prometheus appended.
 *
 * <p>Arguments: see {@link BenchOptions}; {@code series=100000 rules=10,5000 parallelism=2
 * warmup=20 measure=40 interval=10s checkpoint=10s source=generator|direct
 * sink=discard|prometheus}.
 */
public final class PipelineBenchmarkHarness {

    /** The direct source's load generator stops by itself this long after the measurement. */
    private static final Duration LOAD_GENERATOR_MARGIN = Duration.ofSeconds(5);

    private PipelineBenchmarkHarness() {}

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        System.out.printf(
                "machine: %d cores, JDK %s; %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o);
        for (int rules : o.rules()) {
            run(o, rules);
        }
        System.exit(0); // MiniCluster leaves non-daemon threads behind
    }

    static void run(BenchOptions o, int ruleCount) throws Exception {
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
        conf.setString(
                "metrics.reporter.bench.factory.class",
                BenchMetricReporter.Factory.class.getName());
        conf.setString("taskmanager.numberOfTaskSlots", Integer.toString(o.parallelism()));
        o.flink().forEach(conf::setString);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(o.parallelism());

        try (BenchTraffic traffic = traffic(o);
                BenchSinks sinks = BenchSinks.start(o.sink())) {
            DataStream<Sample> metrics = traffic.attach(env);
            DataStream<RuleSetUpdate> rules =
                    env.fromData(
                                    List.of(
                                            BenchRules.ruleSet(
                                                    ruleCount, o.interval(), o.fleetCountSeries())),
                                    RuleSetUpdateTypeInfoFactory.TYPE_INFO)
                            .setParallelism(1);
            Pipeline.build(
                    env,
                    PipelineSettings.builder().rulesGrace(Duration.ofSeconds(5)).build(),
                    metrics,
                    rules,
                    sinks.sink());
            LatencySink.reset();
            JobClient job = env.executeAsync("condenser-bench-" + ruleCount + "-rules");
            BenchRest rest = new BenchRest(restPort, job.getJobID());
            try {
                traffic.start(rest);
                Thread.sleep(o.warmupS() * 1000L);
                long g0 = traffic.accepted();
                long p0 = sinks.prometheusSamplesAppended();
                long t0 = System.nanoTime();
                LatencySink.recording = true;
                Thread.sleep(o.measureS() * 1000L);
                long g1 = traffic.accepted();
                long p1 = sinks.prometheusSamplesAppended();
                long t1 = System.nanoTime();
                LatencySink.recording = false;
                double seconds = (t1 - t0) / 1e9;
                JsonNode cp = rest.checkpoints();
                long sent = traffic.loadGeneratorSamplesSent();
                long appendedTotal = sinks.prometheusSamplesAppended();
                report(o, ruleCount, traffic.series(), (g1 - g0) / seconds, cp);
                System.out.printf(
                        Locale.ROOT,
                        " source=%s sink=%s series_sent=%d loadgen_samples_sent=%d"
                                + " samples_accepted_total=%d sink_samples_total=%d"
                                + " prometheus_samples_appended=%d"
                                + " prometheus_samples_appended_per_s=%.0f"
                                + " prometheus_samples_appended_total=%d%n",
                        o.source().name().toLowerCase(Locale.ROOT),
                        o.sink().name().toLowerCase(Locale.ROOT),
                        traffic.series(),
                        sent,
                        traffic.accepted(),
                        LatencySink.RECEIVED.sum(),
                        p0 < 0 ? -1 : p1 - p0,
                        p0 < 0 ? -1.0 : (p1 - p0) / seconds,
                        appendedTotal);
            } finally {
                try {
                    job.cancel().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.out.println("cancel: " + e);
                }
            }
        }
    }

    private static BenchTraffic traffic(BenchOptions o) throws IOException {
        return switch (o.source()) {
            case GENERATOR -> new GeneratorTraffic(o.series());
            case DIRECT ->
                    new DirectTraffic(
                            o.series(),
                            o.parallelism(),
                            Duration.ofSeconds(o.warmupS() + o.measureS())
                                    .plus(LOAD_GENERATOR_MARGIN));
        };
    }

    /** The RESULT line up to {@code state_bytes_per_series}; the caller appends the rest. */
    private static void report(
            BenchOptions o, int ruleCount, int series, double rate, JsonNode cp) {
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
                        + " state_bytes_per_series=%.1f",
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
                stateBytes < 0 ? -1.0 : (double) stateBytes / series);
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
