package io.condenser.connectors.remotewrite.send;

/** Why samples did not reach a receiver; the metric label {@code reason}. */
public enum DropReason {
    /** At or below the series' high-water mark: already written, or arrived out of order. */
    NOT_NEWER("not_newer"),
    /** Refused by the receiver as out of order. */
    OUT_OF_ORDER("out_of_order"),
    /** Refused as a different value for a timestamp already written. */
    DUPLICATE("duplicate"),
    /** Refused as outside the receiver's writable time range. */
    OUT_OF_BOUNDS("out_of_bounds"),
    /** Refused as older than the receiver's out-of-order window. */
    TOO_OLD("too_old"),
    /** Refused as malformed (bad labels, empty label set, ...). */
    INVALID("invalid"),
    /** A 4xx for which the receiver gave no sample-level reason (auth, size, ...). */
    CLIENT_ERROR("client_error"),
    /** Retries ran out and the sink is configured to drop rather than fail the job. */
    RETRIES_EXHAUSTED("retries_exhausted");

    private final String metricName;

    DropReason(String metricName) {
        this.metricName = metricName;
    }

    public String metricName() {
        return metricName;
    }
}
