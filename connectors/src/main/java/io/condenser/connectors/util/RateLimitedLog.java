package io.condenser.connectors.util;

import org.slf4j.Logger;

/**
 * Logs at most one warning per interval and says how many were suppressed since: one agent sending
 * garbage, one producer writing junk into a topic, or one receiver refusing every request must not
 * flood the TaskManager log. Thread-safe: network threads and the task thread share one.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    public RateLimitedLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    /** An SLF4J-style message; dropped (and counted) when one was logged within the interval. */
    public void warn(String format, Object... args) {
        long suppressedNow;
        synchronized (this) {
            long now = System.nanoTime();
            if (logged && now - lastNanos < intervalNanos) {
                suppressed++;
                return;
            }
            logged = true;
            lastNanos = now;
            suppressedNow = suppressed;
            suppressed = 0;
        }
        if (suppressedNow > 0) {
            log.warn("({} similar messages suppressed since the last one)", suppressedNow);
        }
        log.warn(format, args);
    }
}
