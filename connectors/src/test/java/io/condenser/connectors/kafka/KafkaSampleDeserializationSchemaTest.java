package io.condenser.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class KafkaSampleDeserializationSchemaTest {

    private final Map<String, Counter> counters = new TreeMap<>();
    private final List<Sample> out = new ArrayList<>();
    private long offset;

    @Test
    void telegrafRecordWithSeveralLinesGivesOneSamplePerNumericField() throws Exception {
        KafkaSampleDeserializationSchema schema = open(InputFormat.INFLUX, "ns");
        deserialize(
                schema,
                "cpu,cpu=cpu0,host=web-1 usage_idle=90.5,usage_user=4i 1700000000000000000\n"
                        + "mem,host=web-1 used=1024u,note=\"x\" 1700000001000000000\n");

        assertThat(out)
                .containsExactly(
                        Sample.of(
                                "cpu_usage_idle",
                                Labels.of("cpu", "cpu0", "host", "web-1"),
                                1_700_000_000_000L,
                                90.5),
                        Sample.of(
                                "cpu_usage_user",
                                Labels.of("cpu", "cpu0", "host", "web-1"),
                                1_700_000_000_000L,
                                4),
                        Sample.of(
                                "mem_used", Labels.of("host", "web-1"), 1_700_000_001_000L, 1024));
        assertThat(count(KafkaSourceMetrics.RECORDS_RECEIVED)).isEqualTo(1);
        assertThat(count(KafkaSourceMetrics.SAMPLES_RECEIVED)).isEqualTo(3);
        assertThat(count(KafkaSourceMetrics.VALUES_SKIPPED)).isEqualTo(1); // the string field
        assertThat(count("reason.string_field." + KafkaSourceMetrics.VALUES_SKIPPED)).isEqualTo(1);
    }

    @Test
    void badLinesAreCountedPerReasonAndTheGoodOnesStillCount() throws Exception {
        KafkaSampleDeserializationSchema schema = open(InputFormat.INFLUX, "ns");
        deserialize(schema, "garbage\ncpu value=1 1700000000000000000\ncpu value= 1\n");
        deserialize(schema, "\u0000\u0001\u0002");

        assertThat(out).hasSize(1);
        assertThat(count(KafkaSourceMetrics.LINES_REJECTED)).isEqualTo(3);
        long byReason =
                counters.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(KafkaSourceMetrics.REASON + "."))
                        .filter(e -> e.getKey().endsWith("." + KafkaSourceMetrics.LINES_REJECTED))
                        .mapToLong(e -> e.getValue().getCount())
                        .sum();
        assertThat(byReason).isEqualTo(3);
        assertThat(count(KafkaSourceMetrics.RECORDS_FAILED)).isZero();
    }

    @Test
    void emptyAndTombstoneRecordsAreCountedNotParsed() throws Exception {
        KafkaSampleDeserializationSchema schema = open(InputFormat.INFLUX, "ns");
        schema.deserialize(record(null), collector);
        schema.deserialize(record(new byte[0]), collector);

        assertThat(out).isEmpty();
        assertThat(count(KafkaSourceMetrics.RECORDS_EMPTY)).isEqualTo(2);
    }

    @Test
    void aFailureDownstreamFailsTheRecordInsteadOfBeingCountedAsBadInput() throws Exception {
        // A chained operator's exception must reach the task (restore and replay), not be
        // swallowed as a parser failure: that would lose the record silently.
        KafkaSampleDeserializationSchema schema = open(InputFormat.INFLUX, "ns");
        Collector<Sample> failing =
                new Collector<>() {
                    @Override
                    public void collect(Sample record) {
                        throw new IllegalStateException("downstream");
                    }

                    @Override
                    public void close() {}
                };
        assertThatThrownBy(
                        () ->
                                schema.deserialize(
                                        record("up value=1 1700000000000000000".getBytes()),
                                        failing))
                .hasMessage("downstream");
        assertThat(count(KafkaSourceMetrics.RECORDS_FAILED)).isZero();
    }

    @Test
    void precisionFromTheConfigApplies() throws Exception {
        KafkaSampleDeserializationSchema schema = open(InputFormat.INFLUX, "s");
        deserialize(schema, "up value=1 1700000000");

        assertThat(out).extracting(Sample::timestampMs).containsExactly(1_700_000_000_000L);
    }

    @Test
    void remoteWriteRecordIsOneSnappyWriteRequest() throws Exception {
        KafkaSampleDeserializationSchema schema = open(InputFormat.REMOTE_WRITE, "ns");
        Prompb.WriteRequest request =
                Prompb.WriteRequest.newBuilder()
                        .addTimeseries(
                                Prompb.TimeSeries.newBuilder()
                                        .addLabels(label("__name__", "http_requests_total"))
                                        .addLabels(label("job", "api"))
                                        .addSamples(sample(1_700_000_000_000L, 7))
                                        .addSamples(sample(1_700_000_015_000L, 9)))
                        .build();
        schema.deserialize(record(Snappy.compress(request.toByteArray())), collector);
        schema.deserialize(record("not snappy".getBytes(StandardCharsets.UTF_8)), collector);

        assertThat(out)
                .containsExactly(
                        Sample.of(
                                "http_requests_total",
                                Labels.of("job", "api"),
                                1_700_000_000_000L,
                                7),
                        Sample.of(
                                "http_requests_total",
                                Labels.of("job", "api"),
                                1_700_000_015_000L,
                                9));
        assertThat(count("reason.bad_snappy." + KafkaSourceMetrics.LINES_REJECTED)).isEqualTo(1);
    }

    @Test
    void survivesSerializationBeforeOpen() throws Exception {
        KafkaSampleDeserializationSchema schema =
                KafkaSampleDeserializationSchema.of(
                        KafkaSourceConfig.builder()
                                .bootstrapServers("127.0.0.1:9092")
                                .topic("telegraf")
                                .build());
        KafkaSampleDeserializationSchema copy =
                org.apache.flink.util.InstantiationUtil.clone(schema);
        copy.open(context());
        copy.deserialize(record("up value=1 1700000000000000000".getBytes()), collector);
        assertThat(out).hasSize(1);
        assertThat(copy.getProducedType().getTypeClass()).isEqualTo(Sample.class);
    }

    private KafkaSampleDeserializationSchema open(InputFormat format, String precision)
            throws Exception {
        KafkaSampleDeserializationSchema schema =
                new KafkaSampleDeserializationSchema(format, precision);
        schema.open(context());
        return schema;
    }

    private final Collector<Sample> collector =
            new Collector<>() {
                @Override
                public void collect(Sample record) {
                    out.add(record);
                }

                @Override
                public void close() {}
            };

    private void deserialize(KafkaSampleDeserializationSchema schema, String value)
            throws Exception {
        schema.deserialize(record(value.getBytes(StandardCharsets.UTF_8)), collector);
    }

    private ConsumerRecord<byte[], byte[]> record(byte[] value) {
        return new ConsumerRecord<>(
                "telegraf", 0, offset++, "web-1".getBytes(StandardCharsets.UTF_8), value);
    }

    private long count(String name) {
        Counter c = counters.get(name);
        return c == null ? 0 : c.getCount();
    }

    private static Prompb.Label label(String name, String value) {
        return Prompb.Label.newBuilder().setName(name).setValue(value).build();
    }

    private static Prompb.Sample sample(long ts, double v) {
        return Prompb.Sample.newBuilder().setTimestamp(ts).setValue(v).build();
    }

    private DeserializationSchema.InitializationContext context() {
        MetricGroup group = new RecordingGroup("");
        return new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return group;
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
            }
        };
    }

    /**
     * Keeps every counter under its dotted path ({@code reason.bad_snappy.kafka_lines_rejected}).
     */
    private final class RecordingGroup extends UnregisteredMetricsGroup {
        private final String prefix;

        RecordingGroup(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(prefix + name, n -> new SimpleCounter());
        }

        @Override
        public MetricGroup addGroup(String key, String value) {
            return new RecordingGroup(prefix + key + "." + value + ".");
        }
    }
}
