package io.condenser.rules.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code max_output_series} in one group-stage instance. A rule's groups are spread over the
 * instances by key, so each of the {@code instances} admits new groups while its own groups ×
 * series per group stay within ⌈limit / instances⌉ (one instance, as the reference evaluator runs:
 * the limit itself). The counts are rebuilt from the groups in state after a restore ({@link
 * #restore}), at whatever parallelism.
 */
public final class Admission {

    private final int instances;
    private final Map<String, Integer> liveGroups = new HashMap<>();

    public Admission(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be >= 1, got " + instances);
        }
        this.instances = instances;
    }

    /** Whether a new group of this definition may start; counts it when it may. */
    public boolean admit(CompiledRule rule) {
        String name = rule.name();
        int limit = rule.rule().maxOutputSeries();
        int live = liveGroups.getOrDefault(name, 0);
        if (limit > 0) {
            long share = (limit + instances - 1) / instances;
            if ((long) (live + 1) * rule.seriesPerGroup() > share) {
                return false;
            }
        }
        liveGroups.put(name, live + 1);
        return true;
    }

    /** A group of this rule is gone. */
    public void release(String rule) {
        liveGroups.computeIfPresent(rule, (r, n) -> n > 1 ? n - 1 : null);
    }

    /** The live groups per rule after a restore (counted from the groups in state). */
    public void restore(Map<String, Integer> groupsPerRule) {
        liveGroups.clear();
        liveGroups.putAll(groupsPerRule);
    }

    /** Live groups of a rule in this instance. */
    public int liveGroups(String rule) {
        return liveGroups.getOrDefault(rule, 0);
    }
}
