package io.condenser.connectors.kafka;

import io.condenser.connectors.eventtime.EventTimeConfig;
import io.condenser.connectors.eventtime.EventTimeSource;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.model.Sample;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The Kafka metrics source: a {@link KafkaSource} over {@link KafkaSampleDeserializationSchema},
 * with event time per partition, built from a {@link KafkaSourceConfig}.
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
     * The source attached to {@code env}, with its stable uid and name, and event time from the
     * samples' own timestamps per partition ({@link EventTimeSource}: a quiet partition stops
     * holding event time, a pause of all of them holds it).
     */
    public static DataStream<Sample> attach(
            StreamExecutionEnvironment env, KafkaSourceConfig config, EventTimeConfig eventTime) {
        EventTimeSource<Sample, ?, ?> source =
                EventTimeSource.of(
                        create(config),
                        eventTime,
                        (sample, recordTs) -> sample.timestampMs(),
                        SampleTypeInfo.INSTANCE);
        return env.fromSource(source, source.watermarkStrategy(), NAME, SampleTypeInfo.INSTANCE)
                .uid(UID)
                .name(NAME);
    }
}
