package io.condenser.jobs.bench.process;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Process CPU time of named components between two marks. A component is whatever PIDs its supplier
 * names at each {@link #poll()} (a TaskManager restarted after a kill has a new PID), so the meter
 * keeps the last reading of every PID it saw: a process that died counts up to its last poll. Poll
 * about once a second; only the poll thread calls it.
 */
public final class CpuMeter {

    private final Map<String, Supplier<List<Long>>> components = new LinkedHashMap<>();

    /** Last CPU ms seen per component and PID. */
    private final Map<String, Map<Long, Long>> last = new HashMap<>();

    /** Measures {@code name}: the PIDs its supplier returns at each poll (empty: none yet). */
    public synchronized void add(String name, Supplier<List<Long>> pids) {
        components.put(name, pids);
        last.put(name, new HashMap<>());
    }

    /** Reads every component's processes now. */
    public synchronized void poll() {
        components.forEach(
                (name, pids) -> {
                    Map<Long, Long> seen = last.get(name);
                    for (long pid : pids.get()) {
                        OptionalLong ms = ProcCpu.cpuMillis(pid);
                        if (ms.isPresent()) {
                            seen.put(pid, ms.getAsLong());
                        }
                    }
                });
    }

    /** Polls and returns CPU ms per component so far (processes first seen count from 0). */
    public synchronized Mark mark() {
        poll();
        Map<String, Map<Long, Long>> copy = new LinkedHashMap<>();
        last.forEach((name, seen) -> copy.put(name, Map.copyOf(seen)));
        return new Mark(copy);
    }

    /** CPU readings at one instant. */
    public record Mark(Map<String, Map<Long, Long>> byComponent) {

        /**
         * CPU seconds of {@code component} from {@code this} to {@code later}: per PID, its later
         * reading minus this one (0 for a PID born in between), -1 when the component has no
         * process at either mark.
         */
        public double secondsUntil(Mark later, String component) {
            Map<Long, Long> before = byComponent.getOrDefault(component, Map.of());
            Map<Long, Long> after = later.byComponent.getOrDefault(component, Map.of());
            if (after.isEmpty() && before.isEmpty()) {
                return -1;
            }
            long ms = 0;
            for (Map.Entry<Long, Long> e : after.entrySet()) {
                ms += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            return ms / 1000.0;
        }
    }
}
