package io.condenser.jobs.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** One way samples travel from the agents to the aggregated output, as {@code --paths} names it. */
public enum BenchPath {
    /** Load generator → the job's direct source (TCP line protocol or HTTP) → job → sink. */
    DIRECT,
    /**
     * Load generator → a Kafka producer in Telegraf's {@code outputs.kafka} shape → a KRaft broker
     * → the job's Kafka source → job → sink.
     */
    KAFKA,
    /** Load generator → VictoriaMetrics' Influx ingest: storage only, the bar for a bare ingest. */
    PEER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the known paths
     */
    public static BenchPath fromId(String id) {
        for (BenchPath p : values()) {
            if (p.id().equals(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "--paths takes "
                        + Arrays.stream(values())
                                .map(BenchPath::id)
                                .collect(Collectors.joining(", "))
                        + ", got '"
                        + id
                        + "'");
    }
}
