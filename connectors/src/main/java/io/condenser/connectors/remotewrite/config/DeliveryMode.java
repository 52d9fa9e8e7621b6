package io.condenser.connectors.remotewrite.config;

/** How the sink trades latency for duplicates after a restore. */
public enum DeliveryMode {
    /**
     * Samples are sent as soon as a batch fills or its time bound passes; every checkpoint waits
     * until the receiver accepted everything before it. Lowest latency; after a restore the samples
     * written between the last checkpoint and the crash are offered again.
     */
    AT_LEAST_ONCE("at-least-once"),
    /**
     * Samples are held until the checkpoint that covers them completes, then written by the
     * committer. Latency grows by up to one checkpoint interval; nothing from a failed attempt
     * reaches the receiver.
     */
    EXACTLY_ONCE("exactly-once");

    private final String configName;

    DeliveryMode(String configName) {
        this.configName = configName;
    }

    /** The spelling users type: {@code at-least-once} or {@code exactly-once}. */
    public String configName() {
        return configName;
    }

    public static DeliveryMode fromConfigName(String name) {
        for (DeliveryMode m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "delivery must be at-least-once or exactly-once, got '" + name + "'");
    }
}
