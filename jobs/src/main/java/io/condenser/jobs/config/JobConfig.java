package io.condenser.jobs.config;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.jobs.PipelineSettings.UnmatchedInput;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * The job's configuration: immutable, built with {@link #builder()}, validated in {@link
 * Builder#build()} with messages naming the key (as spelled in the YAML file) and the value. Read
 * from a file by {@link JobConfigYaml}; command-line flags override single keys on the builder.
 * Every key is documented in docs/operations.md.
 */
public final class JobConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where metrics come from. */
    public enum SourceType {
        DIRECT,
        KAFKA;

        public static SourceType fromName(String name) {
            for (SourceType t : values()) {
                if (t.configName().equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException(
                    "source.type must be direct or kafka, got '" + name + "'");
        }

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final SourceType DEFAULT_SOURCE_TYPE = SourceType.DIRECT;
    public static final String DEFAULT_BIND_ADDRESS = DirectSourceConfig.DEFAULT_BIND_ADDRESS;
    public static final int DEFAULT_LINE_PROTOCOL_PORT =
            DirectSourceConfig.DEFAULT_LINE_PROTOCOL_PORT;
    public static final int DEFAULT_HTTP_PORT = DirectSourceConfig.DEFAULT_HTTP_PORT;
    public static final int DEFAULT_GRAPHITE_PORT = DirectSourceConfig.DEFAULT_GRAPHITE_PORT;
    public static final AckMode DEFAULT_ACK = DirectSourceConfig.DEFAULT_ACK;
    public static final String DEFAULT_KAFKA_GROUP_ID = "condenser";
    public static final Duration DEFAULT_RULES_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final DeliveryMode DEFAULT_DELIVERY = DeliveryMode.AT_LEAST_ONCE;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_PARALLELISM = 2;
    public static final UnmatchedInput DEFAULT_UNMATCHED_INPUT = UnmatchedInput.DROP;

    private final SourceType sourceType;
    private final String bindAddress;
    private final int lineProtocolPort;
    private final int httpPort;
    private final int graphitePort;
    private final AckMode ack;
    private final String kafkaBootstrapServers;
    private final String kafkaTopic;
    private final String kafkaGroupId;
    private final String rulesPath;
    private final String rulesTopic;
    private final Duration rulesPollInterval;
    private final List<String> remoteWriteUrls;
    private final DeliveryMode delivery;
    private final Duration checkpointInterval;
    private final String checkpointDir;
    private final int parallelism;
    private final UnmatchedInput unmatchedInput;

    private JobConfig(Builder b) {
        sourceType = b.sourceType;
        bindAddress = b.bindAddress;
        lineProtocolPort = b.lineProtocolPort;
        httpPort = b.httpPort;
        graphitePort = b.graphitePort;
        ack = b.ack;
        kafkaBootstrapServers = b.kafkaBootstrapServers;
        kafkaTopic = b.kafkaTopic;
        kafkaGroupId = b.kafkaGroupId;
        rulesPath = b.rulesPath;
        rulesTopic = b.rulesTopic;
        rulesPollInterval = b.rulesPollInterval;
        remoteWriteUrls = List.copyOf(b.remoteWriteUrls);
        delivery = b.delivery;
        checkpointInterval = b.checkpointInterval;
        checkpointDir = b.checkpointDir;
        parallelism = b.parallelism;
        unmatchedInput = b.unmatchedInput;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SourceType sourceType() {
        return sourceType;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** 0 = the protocol is off. */
    public int lineProtocolPort() {
        return lineProtocolPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int graphitePort() {
        return graphitePort;
    }

    public AckMode ack() {
        return ack;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String kafkaTopic() {
        return kafkaTopic;
    }

    public String kafkaGroupId() {
        return kafkaGroupId;
    }

    /** A rules file or directory, or null when the rules come from a topic. */
    public String rulesPath() {
        return rulesPath;
    }

    public String rulesTopic() {
        return rulesTopic;
    }

    public Duration rulesPollInterval() {
        return rulesPollInterval;
    }

    /** Empty: print exposition text to stdout instead of writing. */
    public List<String> remoteWriteUrls() {
        return remoteWriteUrls;
    }

    public DeliveryMode delivery() {
        return delivery;
    }

    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** A URI for checkpoints (and the default savepoint target), or null for Flink's default. */
    public String checkpointDir() {
        return checkpointDir;
    }

    public int parallelism() {
        return parallelism;
    }

    public UnmatchedInput unmatchedInput() {
        return unmatchedInput;
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sourceType = sourceType;
        b.bindAddress = bindAddress;
        b.lineProtocolPort = lineProtocolPort;
        b.httpPort = httpPort;
        b.graphitePort = graphitePort;
        b.ack = ack;
        b.kafkaBootstrapServers = kafkaBootstrapServers;
        b.kafkaTopic = kafkaTopic;
        b.kafkaGroupId = kafkaGroupId;
        b.rulesPath = rulesPath;
        b.rulesTopic = rulesTopic;
        b.rulesPollInterval = rulesPollInterval;
        b.remoteWriteUrls = remoteWriteUrls;
        b.delivery = delivery;
        b.checkpointInterval = checkpointInterval;
        b.checkpointDir = checkpointDir;
        b.parallelism = parallelism;
        b.unmatchedInput = unmatchedInput;
        return b;
    }

    @Override
    public String toString() {
        return "JobConfig{source="
                + sourceType.configName()
                + (sourceType == SourceType.DIRECT
                        ? " "
                                + bindAddress
                                + " lp="
                                + lineProtocolPort
                                + " http="
                                + httpPort
                                + " graphite="
                                + graphitePort
                                + " ack="
                                + ack.configName()
                        : " " + kafkaBootstrapServers + "/" + kafkaTopic)
                + ", rules="
                + (rulesPath != null ? rulesPath : "topic " + rulesTopic)
                + ", remoteWrite="
                + (remoteWriteUrls.isEmpty() ? "(print)" : remoteWriteUrls)
                + ", checkpoints="
                + checkpointInterval
                + ", parallelism="
                + parallelism
                + ", unmatchedInput="
                + unmatchedInput.name().toLowerCase(java.util.Locale.ROOT)
                + "}";
    }

    /** Setters named after the YAML keys; {@link #build()} checks everything. */
    public static final class Builder {
        private SourceType sourceType = DEFAULT_SOURCE_TYPE;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int lineProtocolPort = DEFAULT_LINE_PROTOCOL_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int graphitePort = DEFAULT_GRAPHITE_PORT;
        private AckMode ack = DEFAULT_ACK;
        private String kafkaBootstrapServers;
        private String kafkaTopic;
        private String kafkaGroupId = DEFAULT_KAFKA_GROUP_ID;
        private String rulesPath;
        private String rulesTopic;
        private Duration rulesPollInterval = DEFAULT_RULES_POLL_INTERVAL;
        private List<String> remoteWriteUrls = List.of();
        private DeliveryMode delivery = DEFAULT_DELIVERY;
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private String checkpointDir;
        private int parallelism = DEFAULT_PARALLELISM;
        private UnmatchedInput unmatchedInput = DEFAULT_UNMATCHED_INPUT;

        private Builder() {}

        public Builder sourceType(SourceType v) {
            sourceType = v;
            return this;
        }

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder lineProtocolPort(int v) {
            lineProtocolPort = v;
            return this;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder graphitePort(int v) {
            graphitePort = v;
            return this;
        }

        public Builder ack(AckMode v) {
            ack = v;
            return this;
        }

        public Builder kafkaBootstrapServers(String v) {
            kafkaBootstrapServers = v;
            return this;
        }

        public Builder kafkaTopic(String v) {
            kafkaTopic = v;
            return this;
        }

        public Builder kafkaGroupId(String v) {
            kafkaGroupId = v;
            return this;
        }

        /** Sets the rules path and clears a rules topic (the two are exclusive). */
        public Builder rulesPath(String v) {
            rulesPath = v;
            if (v != null) {
                rulesTopic = null;
            }
            return this;
        }

        /** Sets the rules topic and clears a rules path (the two are exclusive). */
        public Builder rulesTopic(String v) {
            rulesTopic = v;
            if (v != null) {
                rulesPath = null;
            }
            return this;
        }

        public Builder rulesPollInterval(Duration v) {
            rulesPollInterval = v;
            return this;
        }

        public Builder remoteWriteUrls(List<String> v) {
            remoteWriteUrls = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        public Builder delivery(DeliveryMode v) {
            delivery = v;
            return this;
        }

        public Builder checkpointInterval(Duration v) {
            checkpointInterval = v;
            return this;
        }

        public Builder checkpointDir(String v) {
            checkpointDir = v;
            return this;
        }

        public Builder parallelism(int v) {
            parallelism = v;
            return this;
        }

        public Builder unmatchedInput(UnmatchedInput v) {
            unmatchedInput = v;
            return this;
        }

        /** Whether a rules path or topic has been set (the local run defaults one otherwise). */
        public boolean hasRuleSource() {
            return notBlank(rulesPath) || notBlank(rulesTopic);
        }

        /**
         * @throws IllegalArgumentException naming the key and the value
         */
        public JobConfig build() {
            require(sourceType != null, "source.type must be direct or kafka, got null");
            if (sourceType == SourceType.DIRECT) {
                require(
                        bindAddress != null && !bindAddress.isBlank(),
                        "source.direct.bind-address must not be empty, got '" + bindAddress + "'");
                port("source.direct.line-protocol-port", lineProtocolPort);
                port("source.direct.http-port", httpPort);
                port("source.direct.graphite-port", graphitePort);
                require(
                        lineProtocolPort + httpPort + graphitePort > 0,
                        "source.direct: at least one port must be > 0, got all 0");
                require(ack != null, "source.direct.ack must be on-receive or on-checkpoint");
            } else {
                require(
                        notBlank(kafkaBootstrapServers),
                        "source.kafka.bootstrap-servers must be set for source.type kafka, got "
                                + kafkaBootstrapServers);
                require(
                        notBlank(kafkaTopic),
                        "source.kafka.topic must be set for source.type kafka, got " + kafkaTopic);
            }
            require(
                    notBlank(kafkaGroupId),
                    "source.kafka.group-id must not be empty, got '" + kafkaGroupId + "'");
            require(
                    notBlank(rulesPath) || notBlank(rulesTopic),
                    "rules.path or rules.topic must be set, got neither");
            if (notBlank(rulesTopic)) {
                require(
                        notBlank(kafkaBootstrapServers),
                        "rules.topic '"
                                + rulesTopic
                                + "' needs source.kafka.bootstrap-servers, got "
                                + kafkaBootstrapServers);
            }
            require(
                    rulesPollInterval != null && rulesPollInterval.toMillis() >= 1,
                    "rules.poll-interval must be >= 1ms, got " + rulesPollInterval);
            for (String url : remoteWriteUrls) {
                require(
                        url != null && (url.startsWith("http://") || url.startsWith("https://")),
                        "remote-write.urls entries must be http:// or https:// URLs, got '"
                                + url
                                + "'");
            }
            require(delivery != null, "remote-write.delivery must be set");
            require(
                    checkpointInterval != null && checkpointInterval.toMillis() >= 10,
                    "checkpoints.interval must be >= 10ms, got " + checkpointInterval);
            require(
                    parallelism >= 1 && parallelism <= 32768,
                    "parallelism must be in 1..32768, got " + parallelism);
            require(unmatchedInput != null, "unmatched-input must be drop or forward");
            return new JobConfig(this);
        }

        private static boolean notBlank(String s) {
            return s != null && !s.isBlank();
        }

        private static void port(String key, int port) {
            require(
                    port >= 0 && port <= 65535,
                    key + " must be in 0..65535 (0 = off), got " + port);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
