package io.condenser.rules.engine;

/**
 * What the stages hold, per rule: the gauges beside the counters ({@link EngineCounter}). A stage
 * reports each change; the job keeps the running value per rule and stage instance.
 */
public enum EngineLevel {
    /** Input series with per-series state (rules with counter outputs or dedup). */
    SERIES_ACTIVE("series_active", EngineCounter.Stage.SERIES),
    /** Output groups alive. */
    GROUPS_ACTIVE("groups_active", EngineCounter.Stage.GROUP);

    private final String metricName;
    private final EngineCounter.Stage stage;

    EngineLevel(String metricName, EngineCounter.Stage stage) {
        this.metricName = metricName;
        this.stage = stage;
    }

    public String metricName() {
        return metricName;
    }

    public EngineCounter.Stage stage() {
        return stage;
    }
}
