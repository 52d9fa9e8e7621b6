package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.kafka.KafkaSampleSource;
import io.condenser.connectors.kafka.KafkaSourceConfig;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSink;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.testing.KafkaTestBroker;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import io.condenser.jobs.testing.JobEnd;
import io.condenser.jobs.testing.Oracle;
import io.condenser.jobs.testing.PipelineRunner;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.eval.OutputSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka path under failure: a Telegraf-shaped corpus in a 2-partition topic goes through {@link
 * KafkaSampleSource}, the pipeline and the real remote-write sink into a real Prometheus, while the
 * job is failed 5 times mid-stream and restored from checkpoints. Prometheus must end up holding
 * exactly what {@link io.condenser.rules.eval.RuleEvaluator} computes over the same corpus (the
 * fault-free result): every sample, once, nothing else.
 *
 * <p>The sink runs exactly-once: a failed attempt's output never reaches Prometheus, so no replay
 * is offered and Prometheus must refuse nothing at all (its log and its write-handler error
 * counter).
 */
class KafkaPathFailureITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final String TOPIC = "telegraf-failures";
    static final int PARTITIONS = 2;
    static final int HOSTS = 4;
    static final int WINDOWS = 6;
    static final int STEPS = WINDOWS * 6;

    /** Global sample counts (across attempts, replays included) at which a failure is injected. */
    static final long[] FAIL_AT = {60, 140, 220, 300, 380};

    static final AtomicLong SEEN = new AtomicLong();
    static final AtomicInteger FIRED = new AtomicInteger();

    /** Checkpoints completed since the last injected failure: each restore starts mid-stream. */
    static final AtomicInteger CHECKPOINTS_SINCE_FAILURE = new AtomicInteger();

    static final String RULES =
            """
            rules:
              - name: cpu-by-host
                match: cpu_usage_user
                interval: 1m
                by: [host]
                outputs: [sum_samples, max, count_samples]
              - name: cpu-all
                match: cpu_usage_system
                interval: 1m
                by: [dc]
                outputs: [max, sum_samples]
              - name: net-by-host
                match: net_bytes_recv
                interval: 1m
                by: [host]
                outputs: [total, increase]
            """;

    @TempDir Path dir;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void fiveFailuresLeavePrometheusAsAFaultFreeRun() throws Exception {
        // recent enough for Prometheus' head block, aligned to the minute
        long t0 = (System.currentTimeMillis() - 30 * 60_000L) / 60_000L * 60_000L;
        List<Record> corpus = corpus(t0);
        List<Sample> samples = new ArrayList<>();
        for (Record r : corpus) {
            samples.addAll(r.samples);
        }
        Map<String, Double> expected = new TreeMap<>();
        for (Map.Entry<String, Double> e :
                Oracle.keyed(Oracle.run(RULES, samples, 10_000)).entrySet()) {
            if (!e.getKey().contains(" stale @")) { // staleness markers are not range-queryable
                expected.put(e.getKey(), e.getValue());
            }
        }
        assertThat(expected).hasSizeGreaterThan(100);

        try (KafkaTestBroker broker = KafkaTestBroker.start(dir.resolve("kafka"));
                PrometheusServer prometheus = new PrometheusServer(dir.resolve("prometheus"))) {
            prometheus.start();
            broker.createTopic(TOPIC, PARTITIONS);
            try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
                for (Record r : corpus) {
                    producer.send(
                            new ProducerRecord<>(
                                    TOPIC,
                                    r.partition,
                                    r.key.getBytes(StandardCharsets.UTF_8),
                                    r.line.getBytes(StandardCharsets.UTF_8)));
                }
                // one sample per partition 30 min ahead (matching no rule): every window closes
                long closer = t0 + 30 * 60_000L;
                for (int p = 0; p < PARTITIONS; p++) {
                    String line = "closer,host=end" + p + " v=1 " + closer + "000000\n";
                    producer.send(
                            new ProducerRecord<>(
                                    TOPIC,
                                    p,
                                    ("end" + p).getBytes(StandardCharsets.UTF_8),
                                    line.getBytes(StandardCharsets.UTF_8)));
                }
                producer.flush();
            }

            JobClient job = start(broker, prometheus).executeAsync("kafka-path-failures");
            Map<String, Double> got = Map.of();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
                while (System.nanoTime() < deadline) {
                    got = stored(prometheus, t0);
                    if (got.size() >= expected.size() && FIRED.get() == FAIL_AT.length) {
                        break;
                    }
                    Thread.sleep(500);
                }
                Thread.sleep(1_000); // anything extra still in flight lands before the check
                got = stored(prometheus, t0);
            } finally {
                JobEnd.cancelAndAwait(job, Duration.ofMinutes(1));
            }

            System.out.printf(
                    "Kafka path: %d expected samples, %d stored, %d failures injected%n",
                    expected.size(), got.size(), FIRED.get());
            assertThat(FIRED).as("injected failures").hasValue(FAIL_AT.length);
            assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                double w = e.getValue();
                double g = got.get(e.getKey());
                assertThat(Math.abs(g - w))
                        .as(e.getKey() + ": got " + g + ", want " + w)
                        .isLessThanOrEqualTo(1e-9 * Math.max(1, Math.abs(w)));
            }
            assertThat(prometheus.log())
                    .as("Prometheus refused no remote-write sample")
                    .doesNotContain("from remote write")
                    .doesNotContain("Error appending");
            assertThat(prometheus.get("/metrics").lines())
                    .as("no failed remote-write request")
                    .noneMatch(
                            l ->
                                    l.startsWith("prometheus_http_requests_total{")
                                            && l.contains("handler=\"/api/v1/write\"")
                                            && !l.contains("code=\"2"));
        }
    }

    private StreamExecutionEnvironment start(KafkaTestBroker broker, PrometheusServer prometheus) {
        SEEN.set(0);
        FIRED.set(0);
        CHECKPOINTS_SINCE_FAILURE.set(0);
        Configuration conf = PipelineRunner.configuration(dir.resolve("checkpoints"));
        conf.setString("execution.checkpointing.interval", "300ms");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARTITIONS);
        KafkaSourceConfig source =
                KafkaSourceConfig.builder()
                        .bootstrapServers(broker.bootstrapServers())
                        .topic(TOPIC)
                        .groupId("failures")
                        .startingOffsets(KafkaSourceConfig.StartingOffsets.EARLIEST)
                        .build();
        DataStream<Sample> metrics =
                KafkaSampleSource.attach(
                                env,
                                source,
                                io.condenser.jobs.config.EventTimeSection.DEFAULTS.toConfig(
                                        io.condenser.jobs.config.JobConfig.SourceType.KAFKA))
                        // the rule set reaches every operator before the first sample
                        .map(new PipelineRunner.FirstSampleWaits(), SampleTypeInfo.INSTANCE)
                        .name("first-sample-waits")
                        .map(new FailingMap(), SampleTypeInfo.INSTANCE)
                        .name("failure-injector");
        Pipeline.build(
                env,
                PipelineSettings.defaults(),
                metrics,
                env.fromData(
                        List.of(PipelineRunner.rules(1, RULES)),
                        RuleSetUpdateTypeInfoFactory.TYPE_INFO),
                PrometheusRemoteWriteSink.builder()
                        .endpoint(prometheus.remoteWriteUrl())
                        .delivery(DeliveryMode.EXACTLY_ONCE)
                        .maxBatchDelay(Duration.ofMillis(100))
                        .build());
        return env;
    }

    /** One Telegraf record: a line, keyed by its host (routing_tag), and its parsed samples. */
    record Record(int partition, String key, String line, List<Sample> samples) {}

    /**
     * {@value #HOSTS} hosts in two dcs, a cpu line (two gauges) and a net line (a counter, reset
     * once) every 10 s at offsets 5 s … 55 s of each minute, in time order within each partition.
     */
    static List<Record> corpus(long t0) {
        List<Record> out = new ArrayList<>();
        double[] bytes = new double[HOSTS];
        for (int step = 0; step < STEPS; step++) {
            long ts = t0 + 5_000 + step * 10_000L;
            for (int h = 0; h < HOSTS; h++) {
                String host = "host" + h;
                String dc = "dc" + (h % 2);
                double user = 10 + h * 3.25 + (step % 7) * 0.5;
                double system = 2 + h + (step % 3) * 0.125;
                bytes[h] = (h == 2 && step == 17) ? 40 : bytes[h] + 1000 * (h + 1) + step % 5;
                Labels labels = Labels.of("dc", dc, "host", host);
                String tags = ",dc=" + dc + ",host=" + host;
                out.add(
                        new Record(
                                h % PARTITIONS,
                                host,
                                "cpu"
                                        + tags
                                        + " usage_user="
                                        + user
                                        + ",usage_system="
                                        + system
                                        + " "
                                        + ts
                                        + "000000\n",
                                List.of(
                                        Sample.of("cpu_usage_user", labels, ts, user),
                                        Sample.of("cpu_usage_system", labels, ts, system))));
                out.add(
                        new Record(
                                h % PARTITIONS,
                                host,
                                "net"
                                        + tags
                                        + " bytes_recv="
                                        + (long) bytes[h]
                                        + "i "
                                        + ts
                                        + "000000\n",
                                List.of(Sample.of("net_bytes_recv", labels, ts, bytes[h]))));
            }
        }
        return out;
    }

    /** Every stored sample of the rule outputs, keyed as {@link Oracle#keyed}. */
    private static Map<String, Double> stored(PrometheusServer prometheus, long t0)
            throws Exception {
        double at = (t0 + 30 * 60_000L) / 1000.0;
        JsonNode result = prometheus.query("{__name__=~\".+:1m_.+\"}[40m]", at);
        Map<String, Double> out = new TreeMap<>();
        for (JsonNode series : result) {
            Map<String, String> labels = new TreeMap<>();
            series.path("metric")
                    .fields()
                    .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            String name = labels.remove("__name__");
            String key = OutputSample.format(name, labels.entrySet());
            for (JsonNode v : series.path("values")) {
                long ts = Math.round(v.get(0).asDouble() * 1000);
                String k = key + " @" + ts;
                // a key seen twice would be a duplicate sample: count it so the size check fails
                if (out.put(k, Double.parseDouble(v.get(1).asText())) != null) {
                    out.put(k + " duplicate", Double.NaN);
                }
            }
        }
        return out;
    }

    /**
     * Paces the stream (so checkpoints complete while it runs) and throws once at each of {@link
     * #FAIL_AT}, counted across attempts, each after a checkpoint has completed since the previous
     * failure: the restore resumes mid-stream, never from the start.
     */
    static final class FailingMap implements MapFunction<Sample, Sample>, CheckpointListener {
        private static final long serialVersionUID = 1L;

        @Override
        public Sample map(Sample s) throws Exception {
            Thread.sleep(10);
            long n = SEEN.incrementAndGet();
            int fired = FIRED.get();
            if (fired < FAIL_AT.length
                    && n >= FAIL_AT[fired]
                    && CHECKPOINTS_SINCE_FAILURE.get() > 0
                    && FIRED.compareAndSet(fired, fired + 1)) {
                CHECKPOINTS_SINCE_FAILURE.set(0);
                throw new IllegalStateException("injected failure " + (fired + 1) + " at " + n);
            }
            return s;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTS_SINCE_FAILURE.incrementAndGet();
        }
    }
}
