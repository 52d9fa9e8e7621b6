package io.condenser.connectors.remotewrite.send;

/** What the sender does with a receiver's answer. */
public enum ResponseAction {
    /** Accepted. */
    SUCCESS,
    /** A transient failure (5xx, 429, connection error): the same request again, later. */
    RETRY,
    /**
     * One or more samples were refused for being old or duplicate (Prometheus rolls back the whole
     * request): split the request and resend the halves so every valid sample lands.
     */
    SPLIT,
    /** A permanent failure: never retried, the samples are dropped and counted. */
    DROP
}
