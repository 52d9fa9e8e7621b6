package io.condenser.jobs.bench.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every output sample the receiver accepted, with the wall-clock time of its acceptance. Shared by
 * the receiver's threads (appends) and the benchmark (reads).
 */
public final class ReceivedOutputs {

    /** One accepted output sample; {@code series} in the reference's form ({@code name{a="1"}}). */
    public record Received(
            String series, long timestampMs, double value, boolean stale, long acceptedMs) {

        public String key() {
            return OutputKey.of(series, timestampMs, stale);
        }
    }

    private final List<Received> all = new ArrayList<>();
    private final AtomicLong count = new AtomicLong();
    private volatile long lastAcceptedMs = -1;

    public synchronized void addAll(List<Received> batch) {
        all.addAll(batch);
        count.addAndGet(batch.size());
        if (!batch.isEmpty()) {
            lastAcceptedMs = batch.get(batch.size() - 1).acceptedMs();
        }
    }

    /** Samples accepted so far. */
    public long count() {
        return count.get();
    }

    /** Wall-clock ms of the latest acceptance, -1 before the first. */
    public long lastAcceptedMs() {
        return lastAcceptedMs;
    }

    /** The earliest acceptance at or after {@code ms}, -1 if none yet. */
    public synchronized long firstAcceptedAtOrAfter(long ms) {
        long first = -1;
        for (int i = all.size() - 1; i >= 0; i--) {
            long a = all.get(i).acceptedMs();
            if (a < ms) {
                break; // appended in acceptance order (per request; requests overlap little)
            }
            first = a;
        }
        return first;
    }

    /** A copy of everything, in acceptance order. */
    public synchronized List<Received> snapshot() {
        return new ArrayList<>(all);
    }
}
