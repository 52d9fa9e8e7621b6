package io.condenser.rules.match;

import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules a sample of one metric name matches, precomputed: every {@code __name__} matcher has
 * already been decided for that name, so only label matchers are left. Rules whose selectors need
 * nothing more are in {@link #always}; the rest are alternatives (one per selector), bucketed by
 * the value of one "key" label that most of them test with {@code =}, so a sample looks at the few
 * alternatives for its own value instead of all of them.
 */
final class MatchPlan {

    static final MatchPlan EMPTY = new MatchPlan(List.of(), null, Map.of(), new Alternative[0]);

    /** One selector of one rule: the rule matches if all of these label matchers do. */
    record Alternative(Rule rule, LabelMatcher[] matchers) {}

    final List<Rule> always;
    final String keyLabel;
    final Map<String, Alternative[]> byKeyValue;
    final Alternative[] residual;

    private MatchPlan(
            List<Rule> always,
            String keyLabel,
            Map<String, Alternative[]> byKeyValue,
            Alternative[] residual) {
        this.always = always;
        this.keyLabel = keyLabel;
        this.byKeyValue = byKeyValue;
        this.residual = residual;
    }

    boolean hasConditions() {
        return residual.length > 0 || keyLabel != null;
    }

    /**
     * @param always rules that match every sample of the name, in rule order, without repeats
     * @param alternatives label-matcher sets of the other rules (never empty arrays)
     */
    static MatchPlan of(List<Rule> always, List<Alternative> alternatives) {
        if (always.isEmpty() && alternatives.isEmpty()) {
            return EMPTY;
        }
        String key = keyLabel(alternatives);
        Map<String, List<Alternative>> buckets = new HashMap<>();
        List<Alternative> residual = new ArrayList<>();
        for (Alternative a : alternatives) {
            String v = key == null ? null : equalityValue(a, key);
            if (v == null) {
                residual.add(a);
            } else {
                // the bucket lookup has tested key="v" already
                buckets.computeIfAbsent(v, x -> new ArrayList<>()).add(without(a, key, v));
            }
        }
        Map<String, Alternative[]> byValue = new HashMap<>();
        buckets.forEach((v, list) -> byValue.put(v, list.toArray(new Alternative[0])));
        return new MatchPlan(
                List.copyOf(always), key, byValue, residual.toArray(new Alternative[0]));
    }

    /**
     * The label tested with {@code label="non-empty"} by the most alternatives, if at least two
     * share it (one alone gains nothing over the residual list).
     */
    private static String keyLabel(List<Alternative> alternatives) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Alternative a : alternatives) {
            for (LabelMatcher m : a.matchers()) {
                if (m.isEquality() && !m.value().isEmpty()) {
                    counts.merge(m.name(), 1, Integer::sum);
                }
            }
        }
        String best = null;
        int bestCount = 1;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    private static Alternative without(Alternative a, String label, String value) {
        List<LabelMatcher> rest = new ArrayList<>();
        for (LabelMatcher m : a.matchers()) {
            if (!(m.name().equals(label) && m.isEquality() && m.value().equals(value))) {
                rest.add(m);
            }
        }
        return new Alternative(a.rule(), rest.toArray(new LabelMatcher[0]));
    }

    private static String equalityValue(Alternative a, String label) {
        for (LabelMatcher m : a.matchers()) {
            if (m.name().equals(label) && m.isEquality() && !m.value().isEmpty()) {
                return m.value();
            }
        }
        return null;
    }
}
