package io.condenser.jobs.state;

import io.condenser.model.Labels;
import io.condenser.rules.engine.SeriesState;

/**
 * Per-series state as release 0.1 wrote it (layout 1): its counter tracker, and the output group
 * that its buffered samples ({@code pending-samples}) belong to. Read into this, migrated by the
 * series stage on the first touch of its key, then written in today's layout.
 */
public final class Release01SeriesState extends SeriesState {

    public final String groupMetric;
    public final Labels groupLabels;

    public Release01SeriesState(String groupMetric, Labels groupLabels) {
        this.groupMetric = groupMetric;
        this.groupLabels = groupLabels;
    }
}
