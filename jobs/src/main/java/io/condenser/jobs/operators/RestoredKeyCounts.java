package io.condenser.jobs.operators;

import io.condenser.rules.engine.SeriesPartial;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;

/**
 * A keyed stage function that, after a restore, is told how many keys of each rule its state holds
 * (before it opens): admission and the per-rule gauges go on from there, at any parallelism.
 */
public interface RestoredKeyCounts {

    /** The keyed state whose keys are counted. */
    String countedState();

    /** Keys per rule name in this subtask's key groups. */
    void restoreKeyCounts(Map<String, Integer> perRule);

    /** The keyed state that a key with parked elements has a value in, or null for none. */
    default String parkedState() {
        return null;
    }

    /**
     * Before open, after a restore: how many of this subtask's keys hold parked elements (so the
     * function can skip the per-element look while there are none).
     */
    default void restoreParkedKeys(long keys) {}

    /** Counts the keys of {@code state} in this subtask's key groups. */
    static long countAll(KeyedStateBackend<String> backend, String state) {
        try (Stream<String> keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    /** Counts the keys of {@code state} per rule (the part of the key before its NUL). */
    static Map<String, Integer> count(KeyedStateBackend<String> backend, String state) {
        Map<String, Integer> perRule = new HashMap<>();
        try (Stream<String> keys = backend.getKeys(state, VoidNamespace.INSTANCE)) {
            keys.forEach(k -> perRule.merge(SeriesPartial.ruleOfKey(k), 1, Integer::sum));
        }
        return perRule;
    }
}
