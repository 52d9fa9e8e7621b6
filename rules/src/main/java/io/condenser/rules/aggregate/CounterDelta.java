package io.condenser.rules.aggregate;

/**
 * What one counter sample contributes, as computed by {@link CounterTracker}.
 *
 * @param delta the increase since the series' previous sample: {@code value - previous}, or the new
 *     value after a reset (a decrease), or the whole value for the series' first sample
 * @param elapsedMs ms since the series' previous sample; 0 for a first sample
 * @param firstSample the series had no previous sample (new, or forgotten after staleness)
 * @param reset the value decreased: a counter reset
 */
public record CounterDelta(double delta, long elapsedMs, boolean firstSample, boolean reset) {}
