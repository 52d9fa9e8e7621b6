package io.condenser.connectors.eventtime;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How event time moves ({@link EventTimeSource}). Build with {@link #builder()}; {@code build()}
 * validates every field and names it in its message.
 */
public final class EventTimeConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How far a channel's samples may come out of timestamp order and still be on time. */
    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);

    /** A channel (connection, partition) quiet this long stops holding event time back. */
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);

    /**
     * With no input anywhere for this long, event time follows the wall clock so the last windows
     * of a stream that stopped come out. Long enough for an agent to reconnect and flush what it
     * buffered.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);

    /** How often readers and the coordinator exchange their event time. */
    public static final Duration DEFAULT_TICK = Duration.ofMillis(200);

    private final Duration outOfOrderness;
    private final Duration idleness;
    private final Duration idleTimeout;
    private final Duration startupGrace;
    private final Duration tick;

    private EventTimeConfig(Builder b) {
        this.outOfOrderness = b.outOfOrderness;
        this.idleness = b.idleness;
        this.idleTimeout = b.idleTimeout;
        this.startupGrace = b.startupGrace != null ? b.startupGrace : b.outOfOrderness;
        this.tick = b.tick;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static EventTimeConfig defaults() {
        return builder().build();
    }

    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    public Duration idleness() {
        return idleness;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Event time starts moving this long after the first sample anywhere, so the agents that
     * connect together (one of them with a slow clock, say) all hold it from the start.
     */
    public Duration startupGrace() {
        return startupGrace;
    }

    public Duration tick() {
        return tick;
    }

    @Override
    public String toString() {
        return "out-of-orderness="
                + outOfOrderness
                + " idleness="
                + idleness
                + " idle-timeout="
                + idleTimeout;
    }

    public static final class Builder {
        private Duration outOfOrderness = DEFAULT_OUT_OF_ORDERNESS;
        private Duration idleness = DEFAULT_IDLENESS;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration startupGrace;
        private Duration tick = DEFAULT_TICK;

        private Builder() {}

        public Builder outOfOrderness(Duration value) {
            this.outOfOrderness = value;
            return this;
        }

        public Builder idleness(Duration value) {
            this.idleness = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        /** Default: the out-of-orderness. */
        public Builder startupGrace(Duration value) {
            this.startupGrace = value;
            return this;
        }

        public Builder tick(Duration value) {
            this.tick = value;
            return this;
        }

        public EventTimeConfig build() {
            notNegative("out-of-orderness", outOfOrderness);
            positive("idleness", idleness);
            positive("idle-timeout", idleTimeout);
            if (startupGrace != null) {
                notNegative("startup grace", startupGrace);
            }
            positive("tick", tick);
            if (idleTimeout.compareTo(idleness) < 0) {
                throw new IllegalArgumentException(
                        "idle-timeout must be >= idleness (" + idleness + "), got " + idleTimeout);
            }
            return new EventTimeConfig(this);
        }

        private static void positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, got " + d);
            }
        }

        private static void notNegative(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + d);
            }
        }
    }
}
