package io.condenser.jobs.testing;

import io.condenser.model.Sample;
import io.condenser.rules.eval.InputSample;
import io.condenser.rules.eval.OutputSample;
import io.condenser.rules.eval.RuleEvaluator;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference: {@link RuleEvaluator} per rule, fed the same samples in the same order and with
 * the same watermarks (bounded out-of-orderness, advanced after each sample) as the pipeline.
 */
public final class Oracle {

    private Oracle() {}

    public static List<OutputSample> run(String rulesYaml, List<Sample> input, long boundMs) {
        RuleSetLoader.Result loaded =
                RuleSetLoader.loadTexts(new TreeMap<>(Map.of("rules.yaml", rulesYaml)), 1);
        if (!loaded.ok()) {
            throw new IllegalArgumentException("invalid test rules: " + loaded.problems());
        }
        RuleSet set = loaded.ruleSet();
        RuleIndex index = RuleIndex.of(set);
        Map<String, RuleEvaluator> evaluators = new LinkedHashMap<>();
        for (Rule r : set.enabledRules()) {
            evaluators.put(r.name(), new RuleEvaluator(r));
        }
        List<OutputSample> out = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        for (Sample s : input) {
            for (Rule r : index.matching(s.name(), s.labels()::get)) {
                InputSample in =
                        s.isStale()
                                ? InputSample.staleMarker(
                                        s.name(), s.labels().toMap(), s.timestampMs())
                                : InputSample.of(
                                        s.name(), s.labels().toMap(), s.timestampMs(), s.value());
                evaluators.get(r.name()).add(in);
            }
            long wm = s.timestampMs() - boundMs;
            if (wm > watermark) {
                watermark = wm;
                for (RuleEvaluator e : evaluators.values()) {
                    out.addAll(e.advanceWatermark(watermark));
                }
            }
        }
        for (RuleEvaluator e : evaluators.values()) {
            out.addAll(e.advanceWatermark(Long.MAX_VALUE));
        }
        return out;
    }

    /** {@code series @ts} (or {@code series stale @ts}) to value, for comparison. */
    public static Map<String, Double> keyed(List<OutputSample> samples) {
        Map<String, Double> m = new TreeMap<>();
        for (OutputSample s : samples) {
            String key = s.series() + (s.stale() ? " stale" : "") + " @" + s.timestampMs();
            if (m.put(key, s.stale() ? 0.0 : s.value()) != null) {
                throw new AssertionError("duplicate output " + key);
            }
        }
        return m;
    }

    /** The pipeline's samples in the oracle's form. */
    public static List<OutputSample> fromSamples(List<Sample> samples) {
        List<OutputSample> out = new ArrayList<>();
        for (Sample s : samples) {
            out.add(
                    new OutputSample(
                            s.name(),
                            new ArrayList<>(s.labels().toMap().entrySet()),
                            s.timestampMs(),
                            s.value(),
                            s.isStale()));
        }
        return out;
    }
}
