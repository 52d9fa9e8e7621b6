package io.condenser.rules.eval;

import io.condenser.rules.engine.Timers;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event-time timers per key, as a stream processor keeps them: one per (key, timestamp), fired in
 * timestamp order when the watermark reaches them (timers registered while firing included).
 */
final class MemoryTimers {

    /** A due timer. */
    record Due(long timestampMs, String key) {}

    private final TreeMap<Long, LinkedHashSet<String>> queue = new TreeMap<>();

    /** The timers of one key. */
    Timers of(String key) {
        return ts -> queue.computeIfAbsent(ts, t -> new LinkedHashSet<>()).add(key);
    }

    /** Removes and returns the earliest timer at or before {@code watermark}, or null. */
    Due poll(long watermark) {
        Map.Entry<Long, LinkedHashSet<String>> first = queue.firstEntry();
        if (first == null || first.getKey() > watermark) {
            return null;
        }
        LinkedHashSet<String> keys = first.getValue();
        String key = keys.iterator().next();
        keys.remove(key);
        if (keys.isEmpty()) {
            queue.remove(first.getKey());
        }
        return new Due(first.getKey(), key);
    }

    int size() {
        return queue.values().stream().mapToInt(LinkedHashSet::size).sum();
    }
}
