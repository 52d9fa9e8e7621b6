package io.condenser.connectors.direct;

/** When an HTTP write is answered with success. TCP protocols have no acknowledgement at all. */
public enum AckMode {
    /** 2xx as soon as the body is parsed into the source's queue: lowest latency, may lose data. */
    ON_RECEIVE,
    /**
     * 2xx only once a checkpoint containing the request's samples has completed; a client that gets
     * no 2xx retries, so nothing is lost across a crash (at-least-once).
     */
    ON_CHECKPOINT;

    /** Parses {@code on-receive} / {@code on-checkpoint} (the YAML spelling). */
    public static AckMode fromName(String name) {
        for (AckMode m : values()) {
            if (m.configName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "ack must be on-receive or on-checkpoint, got '" + name + "'");
    }

    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
