package io.condenser.jobs.bench;

import io.condenser.connectors.model.Sample;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.Pipeline;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * End-to-end benchmark of the job (docs/benchmarks.md, "End-to-end job"): in-process
 * Telegraf-shaped traffic at full speed → the pipeline (RocksDB, full checkpoints) → a discarding
 * sink that records latency, on an embedded MiniCluster, once per rule-set size. Prints samples/s
 * (and per core), p50/p99 latency from window end to sink, the latest checkpoint's size and
 * duration, and full state bytes per active input series.
 *
 * <p>Arguments (all optional, {@code name=value}): {@code series=100000 rules=10,5000 parallelism=2
 * warmup=20 measure=40 interval=10s checkpoint=10s}.
 */
public final class PipelineBenchmarkHarness {

    private PipelineBenchmarkHarness() {}

    record Options(
            int series,
            List<Integer> rules,
            int parallelism,
            int warmupS,
            int measureS,
            String interval,
            Duration checkpoint,
            boolean fleetCountSeries,
            java.util.Map<String, String> flink) {

        static Options parse(String[] args) {
            int series = 100_000;
            List<Integer> rules = List.of(10, 5000);
            int parallelism = 2;
            int warmup = 20;
            int measure = 40;
            String interval = "10s";
            Duration checkpoint = Duration.ofSeconds(10);
            boolean fleetCountSeries = true;
            java.util.Map<String, String> flink = new java.util.TreeMap<>();
            for (String a : args) {
                String[] kv = a.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("expected name=value, got " + a);
                }
                if (kv[0].startsWith("flink.")) {
                    flink.put(kv[0].substring("flink.".length()), kv[1]);
                    continue;
                }
                switch (kv[0]) {
                    case "series" -> series = Integer.parseInt(kv[1]);
                    case "rules" ->
                            rules =
                                    java.util.Arrays.stream(kv[1].split(","))
                                            .map(Integer::parseInt)
                                            .toList();
                    case "parallelism" -> parallelism = Integer.parseInt(kv[1]);
                    case "warmup" -> warmup = Integer.parseInt(kv[1]);
                    case "measure" -> measure = Integer.parseInt(kv[1]);
                    case "interval" -> interval = kv[1];
                    case "checkpoint" ->
                            checkpoint = Duration.ofSeconds(Long.parseLong(kv[1].replace("s", "")));
                    case "fleetCountSeries" -> fleetCountSeries = Boolean.parseBoolean(kv[1]);
                    default -> throw new IllegalArgumentException("unknown option " + kv[0]);
                }
            }
            return new Options(
                    series,
                    rules,
                    parallelism,
                    warmup,
                    measure,
                    interval,
                    checkpoint,
                    fleetCountSeries,
                    flink);
        }
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        System.out.printf(
                "machine: %d cores, JDK %s; %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), o);
        for (int rules : o.rules()) {
            run(o, rules);
        }
        System.exit(0); // MiniCluster leaves non-daemon threads behind
    }

    static void run(Options o, int ruleCount) throws Exception {
        Path checkpoints = Files.createTempDirectory("condenser-bench-");
        int restPort;
        try (ServerSocket s = new ServerSocket(0)) {
            restPort = s.getLocalPort();
        }
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
        DataStream<io.condenser.jobs.rules.RuleSetUpdate> rules =
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
                new LatencySink());
        LatencySink.reset();
        JobClient job = env.executeAsync("condenser-bench-" + ruleCount + "-rules");
        try {
            Thread.sleep(o.warmupS() * 1000L);
            long g0 = TelegrafTrafficGenerator.GENERATED.sum();
            long t0 = System.nanoTime();
            LatencySink.recording = true;
            Thread.sleep(o.measureS() * 1000L);
            long g1 = TelegrafTrafficGenerator.GENERATED.sum();
            long t1 = System.nanoTime();
            LatencySink.recording = false;
            double rate = (g1 - g0) / ((t1 - t0) / 1e9);
            long[] lat = LatencySink.sortedLatencies();
            JsonNode cp = checkpoints(restPort, job);
            JsonNode latest = cp.path("latest").path("completed");
            long stateBytes = latest.path("state_size").asLong(-1);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT rules=%d fleetCountSeries=%s series=%d parallelism=%d measured_s=%d samples_per_s=%.0f"
                            + " samples_per_s_per_core=%.0f outputs=%d latency_p50_ms=%d"
                            + " latency_p99_ms=%d latency_max_ms=%d checkpoints_completed=%d"
                            + " checkpoint_state_bytes=%d checkpoint_duration_ms=%d"
                            + " checkpoint_duration_avg_ms=%d checkpoint_duration_max_ms=%d"
                            + " state_bytes_per_series=%.1f%n",
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
                    stateBytes < 0 ? -1.0 : (double) stateBytes / o.series());
        } finally {
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.out.println("cancel: " + e);
            }
        }
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static JsonNode checkpoints(int port, JobClient job) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest req =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://127.0.0.1:"
                                                + port
                                                + "/jobs/"
                                                + job.getJobID()
                                                + "/checkpoints"))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(body);
    }
}
