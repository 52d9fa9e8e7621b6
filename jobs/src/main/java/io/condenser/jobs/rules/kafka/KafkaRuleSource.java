package io.condenser.jobs.rules.kafka;

import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rule sets from a Kafka topic: <b>one record is the whole rule set</b> (one rule file's YAML text,
 * UTF-8), the latest record wins. The record key names the file in logs and validator messages
 * ({@value #DEFAULT_FILE_NAME} when the key is empty). The topic is meant to be compacted with one
 * partition: reading from the earliest offset then replays only the latest set, and the offset is a
 * monotonic version. A set takes effect from the record's timestamp (when it was published).
 *
 * <p>Why not one record per file, merged by key: a rule set must be validated as a whole (rule
 * names are unique across files), and per-key merging would make "delete a file" a tombstone that
 * compaction eventually forgets, so a restart could resurrect rules. One record per set keeps "what
 * is in force" equal to "the last record". Tombstones (null values) are skipped.
 */
public final class KafkaRuleSource {

    public static final String DEFAULT_FILE_NAME = "rules.yaml";
    public static final String DEFAULT_GROUP_ID = "condenser-rules";

    private KafkaRuleSource() {}

    /** From the earliest offset; offsets are not committed as progress (state is in Flink). */
    public static KafkaSource<RuleSetUpdate> create(
            String bootstrapServers, String topic, String groupId) {
        Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        Objects.requireNonNull(topic, "topic");
        return KafkaSource.<RuleSetUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId == null ? DEFAULT_GROUP_ID : groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RuleRecordDeserializer())
                .build();
    }

    /** Record to update; public for tests. */
    public static final class RuleRecordDeserializer
            implements KafkaRecordDeserializationSchema<RuleSetUpdate> {

        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(RuleRecordDeserializer.class);

        @Override
        public void deserialize(
                ConsumerRecord<byte[], byte[]> record, Collector<RuleSetUpdate> out) {
            String origin =
                    "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset();
            if (record.value() == null) {
                LOG.info("rules tombstone at {} skipped (the set in force stays)", origin);
                return;
            }
            String name =
                    record.key() == null || record.key().length == 0
                            ? DEFAULT_FILE_NAME
                            : new String(record.key(), StandardCharsets.UTF_8);
            String text = new String(record.value(), StandardCharsets.UTF_8);
            // effective from when it was published: a replay of the topic switches at the same
            // window boundaries again
            long published =
                    record.timestamp() >= 0 ? record.timestamp() : System.currentTimeMillis();
            out.collect(
                    new RuleSetUpdate(
                            record.offset(), origin, new TreeMap<>(Map.of(name, text)), published));
        }

        @Override
        public TypeInformation<RuleSetUpdate> getProducedType() {
            return RuleSetUpdateTypeInfoFactory.TYPE_INFO;
        }
    }
}
