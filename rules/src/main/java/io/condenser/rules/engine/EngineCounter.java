package io.condenser.rules.engine;

import java.util.EnumSet;
import java.util.Set;

/**
 * Everything the stages drop, hold or replace, by reason: nothing vanishes silently. The one
 * registry of these counters; {@link #metricName()} is the name the job exports (one naming style,
 * snake_case), the reference evaluator counts the same events.
 */
public enum EngineCounter {
    /** Match stage: a sample counted for a rule definition in force at its timestamp. */
    SAMPLES_MATCHED("samples_matched", Stage.MATCH),
    /** Match stage: no rule matched the sample. */
    SAMPLES_UNMATCHED("samples_unmatched", Stage.MATCH),
    /** A rule matched, but no definition of it is in force at the sample's timestamp. */
    SAMPLES_BEFORE_RULE_START("samples_before_rule_start", Stage.MATCH),
    /** Samples held while no rule set had arrived that did not fit the buffer. */
    SAMPLES_DROPPED_BEFORE_RULES("samples_dropped_before_rules", Stage.MATCH),
    /** The sample's window had closed (end + delay passed) when it arrived. */
    SAMPLES_LATE("samples_late", Stage.MATCH, Stage.SERIES),
    /** The sample's window had closed before the job was restored from a savepoint. */
    SAMPLES_LATE_AFTER_RESTORE("samples_late_after_restore", Stage.MATCH),
    /** NaN values are skipped, as vmagent does. */
    SAMPLES_NAN("samples_nan", Stage.MATCH, Stage.SERIES),
    /** Older than the series' last sample: counter outputs skip it, gauge outputs take it. */
    SAMPLES_COUNTER_OUT_OF_ORDER("samples_counter_out_of_order", Stage.SERIES),
    /** Dropped or replaced by {@code dedup_interval}. */
    SAMPLES_DEDUPLICATED("samples_deduplicated", Stage.SERIES),
    /** Held for a rule definition this stage never got (or that has ended since). */
    SAMPLES_UNKNOWN_RULE_VERSION("samples_unknown_rule_version", Stage.SERIES),
    /** Group stage: a partial of a window that had closed. */
    PARTIALS_LATE("partials_late", Stage.GROUP),
    /** Group stage: a partial of a rule definition this stage never got. */
    PARTIALS_UNKNOWN_RULE_VERSION("partials_unknown_rule_version", Stage.GROUP),
    /** Group stage: a new group refused by {@code max_output_series}. */
    GROUPS_REJECTED_MAX_OUTPUT_SERIES("groups_rejected_max_output_series", Stage.GROUP),
    /** Group stage: a group silent for longer than the staleness interval, gone. */
    GROUPS_STALE("groups_stale", Stage.GROUP),
    /** Group stage: a group whose rule was removed or changed, handed over or gone. */
    GROUPS_ENDED_BY_RULE_UPDATE("groups_removed_by_rule_update", Stage.GROUP),
    /** Series stage: a series state of a rule that was removed, gone. */
    SERIES_ENDED_BY_RULE_UPDATE("series_removed_by_rule_update", Stage.SERIES),
    /** Output samples written (staleness markers included). */
    OUTPUTS("outputs_emitted", Stage.GROUP);

    /** The stages of the job, for which counters each one exports. */
    public enum Stage {
        MATCH,
        SERIES,
        GROUP
    }

    private final String metricName;
    private final Set<Stage> stages;

    EngineCounter(String metricName, Stage first, Stage... more) {
        this.metricName = metricName;
        this.stages = EnumSet.of(first, more);
    }

    public String metricName() {
        return metricName;
    }

    /** Whether {@code stage} counts this (the job registers only those, at 0 from the start). */
    public boolean countedIn(Stage stage) {
        return stages.contains(stage);
    }
}
