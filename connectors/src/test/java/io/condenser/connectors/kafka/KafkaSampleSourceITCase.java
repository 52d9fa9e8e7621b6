package io.condenser.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.eventtime.EventTimeConfig;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.testing.KafkaTestBroker;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Telegraf-shaped records ({@code outputs.kafka}, influx, keyed by the {@code routing_tag} host)
 * through a real KRaft broker into {@link KafkaSampleSource} on a MiniCluster at parallelism 2.
 */
class KafkaSampleSourceITCase {

    private static final int PARTITIONS = 2;
    private static final long T0_MS = 1_700_000_000_000L;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir static Path brokerDir;
    private static KafkaTestBroker broker;

    /** What the sink saw, across restarts (the sink runs in this JVM). */
    static final ConcurrentLinkedQueue<Sample> SEEN = new ConcurrentLinkedQueue<>();

    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAIL_ARMED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaTestBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void reset() {
        SEEN.clear();
        CHECKPOINTED.set(false);
        FAIL_ARMED.set(false);
        FAILED.set(false);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void readsEveryLineOfEveryPartitionAndSkipsBadRecords() throws Exception {
        String topic = "telegraf-read";
        broker.createTopic(topic, PARTITIONS);
        Set<Sample> expected = produce(topic, 0, 40);
        broker.send(topic, "web-x", "this is not line protocol\n");

        StreamExecutionEnvironment env = env(false);
        KafkaSampleSource.attach(env, config(topic, "read"), EventTimeConfig.defaults())
                .sinkTo(new CollectingSink());
        JobClient job = env.executeAsync("kafka-read");
        try {
            awaitSeen(expected);
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        assertThat(new HashSet<>(SEEN)).isEqualTo(expected);
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void restartFromCheckpointLosesNoRecordAndCommitsOffsets() throws Exception {
        String topic = "telegraf-restart";
        broker.createTopic(topic, PARTITIONS);
        Set<Sample> expected = new HashSet<>(produce(topic, 0, 30));

        StreamExecutionEnvironment env = env(true);
        DataStream<Sample> samples =
                KafkaSampleSource.attach(env, config(topic, "restart"), EventTimeConfig.defaults());
        samples.map(new FailOnceAfterCheckpoint())
                .returns(SampleTypeInfo.INSTANCE)
                .name("fail once")
                .uid("fail-once")
                .sinkTo(new CollectingSink());
        JobClient job = env.executeAsync("kafka-restart");
        try {
            awaitTrue(CHECKPOINTED, "a completed checkpoint");
            FAIL_ARMED.set(true);
            expected.addAll(produce(topic, 30, 30));
            awaitTrue(FAILED, "the injected failure");
            awaitSeen(expected);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            awaitCommitted(topic, "restart");
        } finally {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
        // At-least-once into this plain sink: replays may repeat, nothing may be missing.
        assertThat(new HashSet<>(SEEN)).isEqualTo(expected);
    }

    /** {@code count} records, two lines each, keyed by host like Telegraf's routing_tag. */
    private static Set<Sample> produce(String topic, int first, int count) throws Exception {
        Set<Sample> expected = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = broker.producer()) {
            for (int i = first; i < first + count; i++) {
                String host = "web-" + (i % 5);
                long ts = T0_MS + i * 1000L;
                String value =
                        "cpu,cpu=cpu-total,host="
                                + host
                                + " usage_idle="
                                + i
                                + ".5 "
                                + ts
                                + "000000\n"
                                + "mem,host="
                                + host
                                + " used="
                                + i
                                + "i "
                                + ts
                                + "000000\n";
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                host.getBytes(StandardCharsets.UTF_8),
                                value.getBytes(StandardCharsets.UTF_8)));
                Labels cpu = Labels.of("cpu", "cpu-total", "host", host);
                expected.add(Sample.of("cpu_usage_idle", cpu, ts, i + 0.5));
                expected.add(Sample.of("mem_used", Labels.of("host", host), ts, i));
            }
            producer.flush();
        }
        return expected;
    }

    private static KafkaSourceConfig config(String topic, String group) {
        return KafkaSourceConfig.builder()
                .bootstrapServers(broker.bootstrapServers())
                .topic(topic)
                .groupId(group)
                .idleness(Duration.ofSeconds(1))
                .build();
    }

    private static StreamExecutionEnvironment env(boolean checkpointed) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(PARTITIONS);
        if (checkpointed) {
            env.enableCheckpointing(200);
        }
        return env;
    }

    private static void awaitSeen(Set<Sample> expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!new HashSet<>(SEEN).containsAll(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(new HashSet<>(SEEN)).containsAll(expected);
    }

    private static void awaitTrue(AtomicBoolean flag, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!flag.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(flag).as(what).isTrue();
    }

    /** The group's committed offsets reach the end of every partition (commit on checkpoint). */
    private static void awaitCommitted(String topic, String group) throws Exception {
        Map<TopicPartition, Long> end = broker.endOffsets(topic, PARTITIONS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Map<TopicPartition, Long> committed = Map.of();
        while (System.nanoTime() < deadline) {
            committed = new java.util.HashMap<>();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e :
                    broker.committedOffsets(group).entrySet()) {
                committed.put(e.getKey(), e.getValue().offset());
            }
            if (committed.equals(end)) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(committed).isEqualTo(end);
    }

    /** Throws once, on a record after a checkpoint has completed and the test armed it. */
    static final class FailOnceAfterCheckpoint
            implements MapFunction<Sample, Sample>, CheckpointListener {
        @Override
        public Sample map(Sample value) {
            if (FAIL_ARMED.get() && CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    /** Adds every sample to {@link #SEEN}. */
    static final class CollectingSink implements Sink<Sample> {
        @Override
        public SinkWriter<Sample> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(Sample element, Context context) {
                    SEEN.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
