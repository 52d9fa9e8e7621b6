package io.condenser.rules.engine;

import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.naming.OutputNamer;

/**
 * One definition of a rule with everything the stages derive from it once. A changed rule is a new
 * definition under the same name; {@link #fingerprint} tells definitions apart in state and in the
 * elements between stages.
 *
 * @param fingerprint the hash of the rule's canonical form (its position in a file ignored)
 * @param seriesPerGroup output series one group produces, for {@code max_output_series}
 */
public record CompiledRule(
        Rule rule,
        int fingerprint,
        OutputNamer namer,
        long intervalMs,
        long delayMs,
        long stalenessMs,
        long dedupMs,
        boolean anyCounter,
        int seriesPerGroup) {

    public static CompiledRule of(Rule r) {
        return new CompiledRule(
                r,
                fingerprint(r),
                new OutputNamer(r),
                r.interval().toMillis(),
                r.delay().toMillis(),
                r.stalenessInterval().toMillis(),
                r.dedupInterval().toMillis(),
                WindowSteps.anyCounter(r.outputs()),
                OutputNamer.seriesPerGroup(r));
    }

    /** A rule definition's identity: the hash of its canonical form. */
    public static int fingerprint(Rule r) {
        return RuleSet.canonicalForm(r).hashCode();
    }

    public String name() {
        return rule.name();
    }

    /**
     * Whether samples of this rule need the per-series stage: counter outputs (a tracker per
     * series) or {@code dedup_interval}. Every other rule is pre-aggregated where it is matched.
     */
    public boolean needsSeriesStage() {
        return anyCounter || dedupMs > 0;
    }

    /** The per-series step's constants. */
    public SeriesFeed.Params feedParams() {
        return new SeriesFeed.Params(dedupMs, stalenessMs, anyCounter);
    }

    /** End (exclusive) of the window holding {@code timestampMs}. */
    public long windowEnd(long timestampMs) {
        return WindowSteps.windowEnd(timestampMs, intervalMs);
    }

    /** When the window holding {@code timestampMs} closes: its end plus {@code delay}. */
    public long closeOf(long timestampMs) {
        return windowEnd(timestampMs) + delayMs;
    }

    @Override
    public String toString() {
        return rule.name() + "#" + Integer.toHexString(fingerprint);
    }
}
