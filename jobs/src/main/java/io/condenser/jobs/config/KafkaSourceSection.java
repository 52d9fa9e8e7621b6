package io.condenser.jobs.config;

import java.io.Serializable;

/**
 * The {@code source.kafka} keys of the job configuration: the brokers and topic metrics are read
 * from (the brokers also serve {@code rules.topic}). Named {@code *Section} so it does not clash
 * with the connector's {@code KafkaSourceConfig}.
 */
public record KafkaSourceSection(String bootstrapServers, String topic, String groupId)
        implements Serializable {

    public static final String DEFAULT_GROUP_ID = "condenser";

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        return builder().bootstrapServers(bootstrapServers).topic(topic).groupId(groupId);
    }

    @Override
    public String toString() {
        return bootstrapServers + "/" + topic;
    }

    /** Setters named after the YAML keys. */
    public static final class Builder {
        private String bootstrapServers;
        private String topic;
        private String groupId = DEFAULT_GROUP_ID;

        private Builder() {}

        public Builder bootstrapServers(String v) {
            bootstrapServers = v;
            return this;
        }

        public Builder topic(String v) {
            topic = v;
            return this;
        }

        public Builder groupId(String v) {
            groupId = v;
            return this;
        }

        /**
         * @param inUse whether source.type is kafka: then the servers and the topic must be set
         *     (the group id must always be, a rules topic uses it too)
         * @throws IllegalArgumentException naming the key and the value
         */
        public KafkaSourceSection build(boolean inUse) {
            if (inUse) {
                JobConfig.require(
                        JobConfig.notBlank(bootstrapServers),
                        "source.kafka.bootstrap-servers must be set for source.type kafka, got "
                                + bootstrapServers);
                JobConfig.require(
                        JobConfig.notBlank(topic),
                        "source.kafka.topic must be set for source.type kafka, got " + topic);
            }
            JobConfig.require(
                    JobConfig.notBlank(groupId),
                    "source.kafka.group-id must not be empty, got '" + groupId + "'");
            return new KafkaSourceSection(bootstrapServers, topic, groupId);
        }
    }
}
