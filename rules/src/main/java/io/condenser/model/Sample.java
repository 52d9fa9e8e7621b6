package io.condenser.model;

import java.util.Objects;

/**
 * One observation of one series: metric name, labels, timestamp in milliseconds since the epoch,
 * and value. Immutable.
 *
 * <p>A Prometheus staleness marker is carried as {@link #isStale()}, not as the StaleNaN bit
 * pattern in {@link #value()}: Flink's {@code DataOutput.writeDouble} canonicalises NaNs, so the
 * pattern would not survive a network shuffle or a checkpoint. The sink turns the flag back into
 * the bit pattern on the wire.
 */
public final class Sample {

    /** The bit pattern Prometheus uses for a staleness marker (value/value.go StaleNaN). */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private final String name;
    private final Labels labels;
    private final long timestampMs;
    private final double value;
    private final boolean stale;

    /**
     * {@link #seriesHash()} once computed: every stage asks for it, per rule a sample matches, and
     * a sample read off the network has fresh labels whose own cached part is gone. One field with
     * 0 for "not yet", as String.hashCode: a racing thread computes the same value again, and a
     * hash that is 0 is merely recomputed.
     */
    private long seriesHash;

    private Sample(String name, Labels labels, long timestampMs, double value, boolean stale) {
        this.name = Objects.requireNonNull(name, "name");
        this.labels = Objects.requireNonNull(labels, "labels");
        this.timestampMs = timestampMs;
        this.value = value;
        this.stale = stale;
    }

    public static Sample of(String name, Labels labels, long timestampMs, double value) {
        return new Sample(name, labels, timestampMs, value, false);
    }

    /** A staleness marker: the series ended at {@code timestampMs}. */
    public static Sample staleMarker(String name, Labels labels, long timestampMs) {
        return new Sample(name, labels, timestampMs, Double.NaN, true);
    }

    /** Reads a value as Prometheus sent it: the StaleNaN bit pattern becomes a marker. */
    public static Sample fromWire(String name, Labels labels, long timestampMs, double value) {
        boolean stale = Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
        return new Sample(name, labels, timestampMs, stale ? Double.NaN : value, stale);
    }

    public String name() {
        return name;
    }

    public Labels labels() {
        return labels;
    }

    public long timestampMs() {
        return timestampMs;
    }

    public double value() {
        return value;
    }

    public boolean isStale() {
        return stale;
    }

    /** The value to put on the wire: the StaleNaN bit pattern for a staleness marker. */
    public double wireValue() {
        return stale ? Double.longBitsToDouble(STALE_NAN_BITS) : value;
    }

    /** The same series at another time and value. */
    public Sample withValue(long newTimestampMs, double newValue) {
        return new Sample(name, labels, newTimestampMs, newValue, false);
    }

    /**
     * A stable 64-bit hash of name and labels (not timestamp or value): equal series hash equal in
     * every JVM and release. Computed once per sample; the labels cache their part.
     */
    public long seriesHash() {
        long h = seriesHash;
        if (h == 0) {
            h = SeriesHash.finish(SeriesHash.mix(labels.hash64(), name));
            seriesHash = h;
        }
        return h;
    }

    /** True when both are the same series (name and labels). */
    public boolean sameSeries(Sample other) {
        return name.equals(other.name) && labels.equals(other.labels);
    }

    /** The series in selector form, e.g. {@code cpu_usage_idle{cpu="cpu0",host="a"}}. */
    public String seriesId() {
        StringBuilder sb = new StringBuilder(name);
        if (!labels.isEmpty()) {
            labels.appendTo(sb);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Sample)) {
            return false;
        }
        Sample s = (Sample) o;
        return timestampMs == s.timestampMs
                && stale == s.stale
                && Double.compare(value, s.value) == 0
                && name.equals(s.name)
                && labels.equals(s.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seriesHash(), timestampMs, value, stale);
    }

    /** Prometheus exposition form, see {@link ExpositionFormat}. */
    @Override
    public String toString() {
        return ExpositionFormat.format(this);
    }
}
