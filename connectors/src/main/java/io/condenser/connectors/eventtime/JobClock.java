package io.condenser.connectors.eventtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's view of event time over all readers ({@link ReaderClock}): when it may start,
 * what a reader without input of its own should follow, and when all input has been quiet for the
 * idle timeout. A reader without input of its own follows the minimum over the active readers; with
 * none active, the lowest closed floor of the readers that report one. Plain logic, driven by the
 * readers' reports and ticks of the wall clock.
 */
final class JobClock {

    private final long startupGraceMs;
    private final long idleTimeoutMs;
    private final long createdAtMs;
    private final Map<Integer, ReaderTimeReport> reports = new HashMap<>();
    private long firstInputAtMs = Long.MIN_VALUE;
    private boolean started;

    JobClock(EventTimeConfig config, long nowMs) {
        this.startupGraceMs = config.startupGrace().toMillis();
        this.idleTimeoutMs = config.idleTimeout().toMillis();
        this.createdAtMs = nowMs;
    }

    void report(int subtask, ReaderTimeReport report, long nowMs) {
        reports.put(subtask, report);
        if (firstInputAtMs == Long.MIN_VALUE && report.lastInputAtMs() != Long.MIN_VALUE) {
            firstInputAtMs = nowMs;
        }
    }

    void forget(int subtask) {
        reports.remove(subtask);
    }

    /** The word to every reader now. */
    JobTimeEvent at(long nowMs, Set<Integer> readers) {
        if (!started && firstInputAtMs != Long.MIN_VALUE) {
            started = nowMs - firstInputAtMs >= startupGraceMs;
        }
        long min = Long.MAX_VALUE;
        long closedFloor = Long.MIN_VALUE;
        boolean anyActive = false;
        long lastInput = createdAtMs;
        for (Map.Entry<Integer, ReaderTimeReport> e : reports.entrySet()) {
            if (!readers.contains(e.getKey())) {
                continue;
            }
            ReaderTimeReport r = e.getValue();
            if (r.active()) {
                anyActive = true;
                min = Math.min(min, r.watermarkMs());
            }
            lastInput = Math.max(lastInput, r.lastInputAtMs());
            if (r.closedFloorMs() != Long.MIN_VALUE) {
                closedFloor =
                        closedFloor == Long.MIN_VALUE
                                ? r.closedFloorMs()
                                : Math.min(closedFloor, r.closedFloorMs());
            }
        }
        boolean timedOut = !anyActive && nowMs - lastInput >= idleTimeoutMs;
        // with nothing flowing, what the closed channels sent is all in: event time may go that far
        long follow = anyActive ? min : closedFloor;
        return new JobTimeEvent(started || timedOut, follow, timedOut);
    }
}
