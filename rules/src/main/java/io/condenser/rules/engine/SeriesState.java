package io.condenser.rules.engine;

import io.condenser.model.Sample;

/**
 * Per (rule, input series) state of the series stage: the definition it was last applied under, the
 * series' {@link SeriesFeed} (dedup, staleness, counter tracker) and when its staleness check is
 * due. No group and no samples (but a held dedup candidate): a few dozen bytes per series.
 *
 * <p>Not final: state restored from release 0.1 carries more until it is migrated.
 */
public class SeriesState {

    public int fingerprint;
    public SeriesFeed feed = new SeriesFeed();

    /** The staleness check timer registered for this series, Long.MIN_VALUE when none. */
    public long expiryTimerMs = Long.MIN_VALUE;

    /** With {@code dedup_interval}: the held sample, for its labels when a timer applies it. */
    public Sample heldSample;

    public SeriesState() {}

    public SeriesState(int fingerprint) {
        this.fingerprint = fingerprint;
    }
}
