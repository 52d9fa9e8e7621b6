package io.condenser.rules.model;

import java.util.List;

/**
 * What changed between two rule sets, by rule name, so an update touches only the state of the
 * rules it changes (vmagent restarts every aggregator on reload, VictoriaMetrics#4810).
 *
 * @param fromVersion the old set's version
 * @param toVersion the new set's version
 * @param added names only in the new set, sorted
 * @param removed names only in the old set, sorted
 * @param changed names in both whose definitions differ in any field (an {@code enabled} flip
 *     counts; where the rule sits in which file does not), sorted
 */
public record RuleSetDiff(
        long fromVersion,
        long toVersion,
        List<String> added,
        List<String> removed,
        List<String> changed) {

    public RuleSetDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /** True when no rule was added, removed or changed (a reformatted or reordered file). */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** Did this rule's definition change in any way (added, removed or changed)? */
    public boolean touches(String ruleName) {
        return added.contains(ruleName) || removed.contains(ruleName) || changed.contains(ruleName);
    }

    @Override
    public String toString() {
        return "v"
                + fromVersion
                + " -> v"
                + toVersion
                + ": added "
                + added
                + ", removed "
                + removed
                + ", changed "
                + changed;
    }
}
