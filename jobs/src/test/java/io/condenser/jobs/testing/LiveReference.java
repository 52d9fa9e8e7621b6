package io.condenser.jobs.testing;

import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.model.Sample;
import io.condenser.rules.eval.RuleSetEvaluator;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference for a live run: the reference evaluator fed the samples the agents wrote, under the
 * same rule sets (the first in force from the start, the others from their effective times), with
 * every window closed; compared up to the last window the live job has surely closed.
 */
public final class LiveReference {

    /**
     * @param yaml a rule set's text
     * @param effectiveFromMs when it takes effect (ignored for the first)
     */
    public record Rules(String yaml, long effectiveFromMs) {}

    private LiveReference() {}

    public static List<Sample> outputs(List<Rules> rules, List<Sample> samples) {
        RuleSetEvaluator e = new RuleSetEvaluator();
        long version = 1;
        for (Rules r : rules) {
            RuleSetLoader.Result loaded =
                    new RuleSetUpdate(version++, "test", new TreeMap<>(Map.of("r.yaml", r.yaml())))
                            .load();
            if (!loaded.ok()) {
                throw new IllegalArgumentException("invalid test rules: " + loaded.problems());
            }
            e.applyRules(loaded.ruleSet(), r.effectiveFromMs());
        }
        samples.forEach(e::add);
        return e.advanceWatermark(Long.MAX_VALUE);
    }

    /** The samples stamped at or before {@code cutoffMs}. */
    public static List<Sample> upTo(List<Sample> samples, long cutoffMs) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.timestampMs() <= cutoffMs) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The end of the last window of this interval and delay that event time has surely closed once
     * the slowest channel's last sample was at {@code lastTimestampMs}.
     */
    public static long lastClosedWindowEnd(
            long lastTimestampMs, long outOfOrdernessMs, long intervalMs, long delayMs) {
        long watermark = lastTimestampMs - outOfOrdernessMs - 1;
        return Math.floorDiv(watermark - delayMs, intervalMs) * intervalMs;
    }

    /** Asserts the job's outputs up to {@code cutoffMs} equal the reference's. */
    public static void assertSame(String what, List<Sample> job, List<Sample> want, long cutoffMs) {
        OutputAssertions.assertSameOutputs(
                what,
                Oracle.fromSamples(upTo(job, cutoffMs)),
                Oracle.fromSamples(upTo(want, cutoffMs)));
    }
}
