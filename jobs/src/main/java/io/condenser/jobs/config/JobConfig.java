package io.condenser.jobs.config;

import io.condenser.jobs.PipelineSettings.UnmatchedInput;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The job's configuration: immutable, built with {@link #builder()}, validated in {@link
 * Builder#build()} with messages naming the key (as spelled in the YAML file) and the value. Read
 * from a file by {@link JobConfigYaml}; command-line flags override single keys on the builder. The
 * {@code source.direct}, {@code source.kafka} and {@code remote-write} sections are their own
 * records ({@link DirectSourceSection}, {@link KafkaSourceSection}, {@link RemoteWriteSection}).
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
    public static final Duration DEFAULT_RULES_POLL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_PARALLELISM = 2;
    public static final UnmatchedInput DEFAULT_UNMATCHED_INPUT = UnmatchedInput.DROP;

    private final SourceType sourceType;
    private final DirectSourceSection direct;
    private final KafkaSourceSection kafka;
    private final String rulesPath;
    private final String rulesTopic;
    private final Duration rulesPollInterval;
    private final RemoteWriteSection remoteWrite;
    private final Duration checkpointInterval;
    private final String checkpointDir;
    private final int parallelism;
    private final UnmatchedInput unmatchedInput;
    private final EventTimeSection eventTime;

    private JobConfig(
            Builder b,
            DirectSourceSection direct,
            KafkaSourceSection kafka,
            RemoteWriteSection remoteWrite) {
        sourceType = b.sourceType;
        this.direct = direct;
        this.kafka = kafka;
        rulesPath = b.rulesPath;
        rulesTopic = b.rulesTopic;
        rulesPollInterval = b.rulesPollInterval;
        this.remoteWrite = remoteWrite;
        checkpointInterval = b.checkpointInterval;
        checkpointDir = b.checkpointDir;
        parallelism = b.parallelism;
        unmatchedInput = b.unmatchedInput;
        eventTime = b.eventTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SourceType sourceType() {
        return sourceType;
    }

    /** {@code source.direct}: kept (unchecked) when the source is kafka. */
    public DirectSourceSection direct() {
        return direct;
    }

    /** {@code source.kafka}: its brokers also serve a rules topic. */
    public KafkaSourceSection kafka() {
        return kafka;
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

    public RemoteWriteSection remoteWrite() {
        return remoteWrite;
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

    public EventTimeSection eventTime() {
        return eventTime;
    }

    /** How event time moves on the configured source. */
    public io.condenser.connectors.eventtime.EventTimeConfig eventTimeConfig() {
        return eventTime.toConfig(sourceType);
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.sourceType = sourceType;
        b.direct = direct.toBuilder();
        b.kafka = kafka.toBuilder();
        b.rulesPath = rulesPath;
        b.rulesTopic = rulesTopic;
        b.rulesPollInterval = rulesPollInterval;
        b.remoteWrite = remoteWrite.toBuilder();
        b.checkpointInterval = checkpointInterval;
        b.checkpointDir = checkpointDir;
        b.parallelism = parallelism;
        b.unmatchedInput = unmatchedInput;
        b.eventTime = eventTime;
        return b;
    }

    @Override
    public String toString() {
        return "JobConfig{source="
                + sourceType.configName()
                + " "
                + (sourceType == SourceType.DIRECT ? direct : kafka)
                + ", rules="
                + (rulesPath != null ? rulesPath : "topic " + rulesTopic)
                + ", remoteWrite="
                + remoteWrite
                + ", checkpoints="
                + checkpointInterval
                + ", parallelism="
                + parallelism
                + ", unmatchedInput="
                + unmatchedInput.name().toLowerCase(java.util.Locale.ROOT)
                + ", eventTime="
                + eventTime
                + "}";
    }

    static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Setters named after the YAML keys; the {@code source.direct}, {@code source.kafka} and {@code
     * remote-write} keys are set on their sections' builders. {@link #build()} checks everything.
     */
    public static final class Builder {
        private SourceType sourceType = DEFAULT_SOURCE_TYPE;
        private DirectSourceSection.Builder direct = DirectSourceSection.builder();
        private KafkaSourceSection.Builder kafka = KafkaSourceSection.builder();
        private String rulesPath;
        private String rulesTopic;
        private Duration rulesPollInterval = DEFAULT_RULES_POLL_INTERVAL;
        private RemoteWriteSection.Builder remoteWrite = RemoteWriteSection.builder();
        private Duration checkpointInterval = DEFAULT_CHECKPOINT_INTERVAL;
        private String checkpointDir;
        private int parallelism = DEFAULT_PARALLELISM;
        private UnmatchedInput unmatchedInput = DEFAULT_UNMATCHED_INPUT;
        private EventTimeSection eventTime = EventTimeSection.DEFAULTS;

        private Builder() {}

        public Builder sourceType(SourceType v) {
            sourceType = v;
            return this;
        }

        /** Sets {@code source.direct} keys: {@code b.direct(d -> d.httpPort(0))}. */
        public Builder direct(Consumer<DirectSourceSection.Builder> keys) {
            keys.accept(direct);
            return this;
        }

        /** Sets {@code source.kafka} keys. */
        public Builder kafka(Consumer<KafkaSourceSection.Builder> keys) {
            keys.accept(kafka);
            return this;
        }

        /** Sets {@code remote-write} keys. */
        public Builder remoteWrite(Consumer<RemoteWriteSection.Builder> keys) {
            keys.accept(remoteWrite);
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
        public Builder eventTime(java.util.function.UnaryOperator<EventTimeSection> keys) {
            this.eventTime = keys.apply(eventTime);
            return this;
        }

        public boolean hasRuleSource() {
            return notBlank(rulesPath) || notBlank(rulesTopic);
        }

        /**
         * @throws IllegalArgumentException naming the key and the value
         */
        public JobConfig build() {
            require(sourceType != null, "source.type must be direct or kafka, got null");
            DirectSourceSection directSection = direct.build(sourceType == SourceType.DIRECT);
            KafkaSourceSection kafkaSection = kafka.build(sourceType == SourceType.KAFKA);
            require(
                    notBlank(rulesPath) || notBlank(rulesTopic),
                    "rules.path or rules.topic must be set, got neither");
            if (notBlank(rulesTopic)) {
                require(
                        notBlank(kafkaSection.bootstrapServers()),
                        "rules.topic '"
                                + rulesTopic
                                + "' needs source.kafka.bootstrap-servers, got "
                                + kafkaSection.bootstrapServers());
            }
            require(
                    rulesPollInterval != null && rulesPollInterval.toMillis() >= 1,
                    "rules.poll-interval must be >= 1ms, got " + rulesPollInterval);
            RemoteWriteSection remoteWriteSection = remoteWrite.build();
            require(
                    checkpointInterval != null && checkpointInterval.toMillis() >= 10,
                    "checkpoints.interval must be >= 10ms, got " + checkpointInterval);
            require(
                    parallelism >= 1 && parallelism <= 32768,
                    "parallelism must be in 1..32768, got " + parallelism);
            require(unmatchedInput != null, "unmatched-input must be drop or forward");
            eventTime.toConfig(sourceType); // validates, naming the key
            return new JobConfig(this, directSection, kafkaSection, remoteWriteSection);
        }
    }
}
