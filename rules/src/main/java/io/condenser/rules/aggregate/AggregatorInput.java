package io.condenser.rules.aggregate;

/**
 * One input to an aggregator. For gauge outputs {@code value} is the sample value; for counter
 * outputs it is the delta of the input series ({@link CounterDelta}), with {@code elapsedMs} the
 * time since that series' previous sample and {@code firstSample} set for the first sample of a
 * series (whose delta is its whole value: {@code total} counts it, {@code *_prometheus} and rates
 * skip it).
 *
 * @param seriesId a 64-bit id of the input series (see {@link SeriesIds}), for count_series and
 *     per-series rates
 * @param timestampMs the sample's timestamp, epoch milliseconds
 * @param value sample value or counter delta; never NaN (the evaluator drops NaN samples)
 * @param elapsedMs counter outputs only: ms since the series' previous sample, 0 for a first sample
 * @param firstSample counter outputs only: the series had no previous sample
 */
public record AggregatorInput(
        long seriesId, long timestampMs, double value, long elapsedMs, boolean firstSample) {

    /** A gauge input: a plain sample. */
    public static AggregatorInput sample(long seriesId, long timestampMs, double value) {
        return new AggregatorInput(seriesId, timestampMs, value, 0, false);
    }

    /** A counter input: the delta the tracker computed for one sample. */
    public static AggregatorInput delta(long seriesId, long timestampMs, CounterDelta delta) {
        return new AggregatorInput(
                seriesId, timestampMs, delta.delta(), delta.elapsedMs(), delta.firstSample());
    }
}
