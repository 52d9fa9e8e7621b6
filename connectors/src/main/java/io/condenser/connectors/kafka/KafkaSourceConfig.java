package io.condenser.connectors.kafka;

import io.condenser.connectors.parse.InputFormat;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the Kafka metrics source reads and how it turns records into samples: immutable, built with
 * {@link #builder()}, validated in {@link Builder#build()} with messages that name the field.
 */
public final class KafkaSourceConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Telegraf's default consumer-side name for the metrics topic ({@code outputs.kafka}). */
    public static final String DEFAULT_GROUP_ID = "condenser";

    public static final InputFormat DEFAULT_FORMAT = InputFormat.INFLUX;

    /** Telegraf batches by {@code flush_interval} (10s default): samples arrive up to that late. */
    public static final Duration DEFAULT_MAX_OUT_OF_ORDERNESS = Duration.ofSeconds(10);

    /**
     * A partition without traffic for this long stops holding back the watermark; Telegraf agents
     * that go away leave their partition (keyed by {@code routing_tag}) silent.
     */
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);

    /** Where a group without committed offsets starts. */
    public enum StartingOffsets {
        EARLIEST,
        LATEST
    }

    private final String bootstrapServers;
    private final List<String> topics;
    private final String groupId;
    private final InputFormat format;
    private final String precision;
    private final StartingOffsets startingOffsets;
    private final Duration maxOutOfOrderness;
    private final Duration idleness;
    private final Map<String, String> properties;

    private KafkaSourceConfig(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.topics = List.copyOf(b.topics);
        this.groupId = b.groupId;
        this.format = b.format;
        this.precision = b.precision;
        this.startingOffsets = b.startingOffsets;
        this.maxOutOfOrderness = b.maxOutOfOrderness;
        this.idleness = b.idleness;
        this.properties = Map.copyOf(b.properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public List<String> topics() {
        return topics;
    }

    public String groupId() {
        return groupId;
    }

    public InputFormat format() {
        return format;
    }

    /** Influx timestamp precision ({@code ns} as Telegraf writes by default). */
    public String precision() {
        return precision;
    }

    public StartingOffsets startingOffsets() {
        return startingOffsets;
    }

    public Duration maxOutOfOrderness() {
        return maxOutOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    /** Extra Kafka consumer properties (security, fetch sizes), passed through as they are. */
    public Map<String, String> properties() {
        return properties;
    }

    @Override
    public String toString() {
        return "KafkaSourceConfig{bootstrapServers="
                + bootstrapServers
                + ", topics="
                + topics
                + ", groupId="
                + groupId
                + ", format="
                + format
                + ", startingOffsets="
                + startingOffsets
                + "}";
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private String bootstrapServers;
        private final List<String> topics = new ArrayList<>();
        private String groupId = DEFAULT_GROUP_ID;
        private InputFormat format = DEFAULT_FORMAT;
        private String precision = "ns";
        private StartingOffsets startingOffsets = StartingOffsets.EARLIEST;
        private Duration maxOutOfOrderness = DEFAULT_MAX_OUT_OF_ORDERNESS;
        private Duration idleness = DEFAULT_IDLENESS;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        public Builder bootstrapServers(String servers) {
            this.bootstrapServers = servers;
            return this;
        }

        public Builder topic(String topic) {
            this.topics.add(topic);
            return this;
        }

        public Builder topics(List<String> topics) {
            this.topics.clear();
            this.topics.addAll(topics);
            return this;
        }

        public Builder groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder format(InputFormat format) {
            this.format = format;
            return this;
        }

        public Builder precision(String precision) {
            this.precision = precision;
            return this;
        }

        public Builder startingOffsets(StartingOffsets startingOffsets) {
            this.startingOffsets = startingOffsets;
            return this;
        }

        public Builder maxOutOfOrderness(Duration d) {
            this.maxOutOfOrderness = d;
            return this;
        }

        public Builder idleness(Duration d) {
            this.idleness = d;
            return this;
        }

        public Builder property(String key, String value) {
            this.properties.put(key, value);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the first invalid field and its value
         */
        public KafkaSourceConfig build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException(
                        "bootstrap-servers must be set (host:port[,host:port]), got '"
                                + bootstrapServers
                                + "'");
            }
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("topics must name at least one topic");
            }
            for (String t : topics) {
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException(
                            "topics must not contain blank names, got " + topics);
                }
            }
            if (groupId == null || groupId.isBlank()) {
                throw new IllegalArgumentException("group-id must be set, got '" + groupId + "'");
            }
            Objects.requireNonNull(format, "format");
            if (format == InputFormat.GRAPHITE) {
                throw new IllegalArgumentException(
                        "format must be influx or remote-write for Kafka, got graphite");
            }
            if (!List.of("ns", "us", "ms", "s").contains(precision)) {
                throw new IllegalArgumentException(
                        "precision must be ns, us, ms or s, got '" + precision + "'");
            }
            Objects.requireNonNull(startingOffsets, "startingOffsets");
            if (maxOutOfOrderness == null || maxOutOfOrderness.isNegative()) {
                throw new IllegalArgumentException(
                        "max-out-of-orderness must be >= 0, got " + maxOutOfOrderness);
            }
            if (idleness == null || idleness.isNegative() || idleness.isZero()) {
                throw new IllegalArgumentException("idleness must be > 0, got " + idleness);
            }
            for (String reserved :
                    List.of(
                            "bootstrap.servers",
                            "group.id",
                            "key.deserializer",
                            "value.deserializer")) {
                if (properties.containsKey(reserved)) {
                    throw new IllegalArgumentException(
                            "property " + reserved + " is set by its own field, not by properties");
                }
            }
            return new KafkaSourceConfig(this);
        }
    }
}
