package io.condenser.jobs.bench.verify;

/**
 * The identity of one output sample: series, staleness and timestamp, as the comparison keys it.
 */
final class OutputKey {

    private OutputKey() {}

    static String of(String series, long timestampMs, boolean stale) {
        return series + (stale ? " stale" : "") + " @" + timestampMs;
    }
}
