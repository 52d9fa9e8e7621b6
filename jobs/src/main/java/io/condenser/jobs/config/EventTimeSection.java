package io.condenser.jobs.config;

import io.condenser.connectors.eventtime.EventTimeConfig;
import java.io.Serializable;
import java.time.Duration;

/**
 * The {@code event-time} keys of the job configuration: how event time moves on either source
 * ({@link EventTimeConfig}, docs/architecture.md "How event time moves"). Named {@code *Section}
 * beside the connector's own config, which it builds.
 *
 * @param outOfOrderness null: the source's default (direct 5 s; Kafka 10 s, Telegraf's flush)
 */
public record EventTimeSection(Duration outOfOrderness, Duration idleness, Duration idleTimeout)
        implements Serializable {

    /** Kafka: agents' batches reach a partition a flush interval apart. */
    public static final Duration DEFAULT_KAFKA_OUT_OF_ORDERNESS = Duration.ofSeconds(10);

    public static final EventTimeSection DEFAULTS =
            new EventTimeSection(
                    null, EventTimeConfig.DEFAULT_IDLENESS, EventTimeConfig.DEFAULT_IDLE_TIMEOUT);

    /** The connector's config for a source of this type. */
    public EventTimeConfig toConfig(JobConfig.SourceType source) {
        Duration ooo = outOfOrderness;
        if (ooo == null) {
            ooo =
                    source == JobConfig.SourceType.KAFKA
                            ? DEFAULT_KAFKA_OUT_OF_ORDERNESS
                            : EventTimeConfig.DEFAULT_OUT_OF_ORDERNESS;
        }
        try {
            return EventTimeConfig.builder()
                    .outOfOrderness(ooo)
                    .idleness(idleness)
                    .idleTimeout(idleTimeout)
                    .build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("event-time: " + e.getMessage(), e);
        }
    }

    public EventTimeSection withOutOfOrderness(Duration v) {
        return new EventTimeSection(v, idleness, idleTimeout);
    }

    public EventTimeSection withIdleness(Duration v) {
        return new EventTimeSection(outOfOrderness, v, idleTimeout);
    }

    public EventTimeSection withIdleTimeout(Duration v) {
        return new EventTimeSection(outOfOrderness, idleness, v);
    }

    @Override
    public String toString() {
        return "out-of-orderness="
                + (outOfOrderness == null ? "(source default)" : outOfOrderness)
                + " idleness="
                + idleness
                + " idle-timeout="
                + idleTimeout;
    }
}
