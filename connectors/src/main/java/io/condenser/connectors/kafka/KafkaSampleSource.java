package io.condenser.connectors.kafka;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.model.Sample;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka metrics source: a {@link KafkaSource} over {@link KafkaSampleDeserializationSchema},
 * with per-partition watermarks and idleness, built from a {@link KafkaSourceConfig}.
 *
 * <p>Offsets are part of the source's checkpointed state, so a restore resumes exactly where the
 * checkpoint was taken; they are also committed to the group on checkpoint completion ({@code
 * commit.offsets.on.checkpoint}, the connector default) so lag is visible in Kafka tools. A new
 * group starts from the committed offsets, or else from {@link
 * KafkaSourceConfig#startingOffsets()}.
 */
public final class KafkaSampleSource {

    /** The uid of the source operator: savepoints map its offsets back by this id. */
    public static final String UID = "kafka-metrics-source";

    public static final String NAME = "Kafka metrics source";

    private KafkaSampleSource() {}

    /** The FLIP-27 source alone, for callers that attach it themselves. */
    public static KafkaSource<Sample> create(KafkaSourceConfig config) {
        OffsetResetStrategy reset =
                config.startingOffsets() == KafkaSourceConfig.StartingOffsets.EARLIEST
                        ? OffsetResetStrategy.EARLIEST
                        : OffsetResetStrategy.LATEST;
        var builder =
                KafkaSource.<Sample>builder()
                        .setBootstrapServers(config.bootstrapServers())
                        .setTopics(config.topics())
                        .setGroupId(config.groupId())
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                        .setDeserializer(KafkaSampleDeserializationSchema.of(config))
                        .setClientIdPrefix("condenser-" + config.groupId())
                        // Explicit, since exactly-once from source to sink rests on it.
                        .setProperty("commit.offsets.on.checkpoint", "true");
        config.properties().forEach(builder::setProperty);
        return builder.build();
    }

    /**
     * Event time from the sample's own timestamp, bounded out-of-orderness, and idleness so that a
     * silent partition does not stall the windows. KafkaSource applies the strategy per partition
     * inside each reader and emits the minimum, so one slow agent's partition holds back only
     * itself until it idles.
     */
    public static WatermarkStrategy<Sample> watermarks(KafkaSourceConfig config) {
        return WatermarkStrategy.<Sample>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                .withTimestampAssigner((sample, recordTs) -> sample.timestampMs())
                .withIdleness(config.idleness());
    }

    /** The source attached to {@code env}, with its stable uid and name. */
    public static DataStream<Sample> attach(
            StreamExecutionEnvironment env, KafkaSourceConfig config) {
        return env.fromSource(create(config), watermarks(config), NAME, SampleTypeInfo.INSTANCE)
                .uid(UID)
                .name(NAME);
    }
}
