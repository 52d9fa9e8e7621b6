package io.condenser.connectors.remotewrite.send;

import org.slf4j.Logger;

/**
 * Logs at most one warning per interval and says how many were suppressed: a receiver that refuses
 * every request must not flood the task manager log.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalMs;
    private long nextMs;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    synchronized void warn(String format, Object... args) {
        long now = System.currentTimeMillis();
        if (now < nextMs) {
            suppressed++;
            return;
        }
        if (suppressed > 0) {
            log.warn("({} similar messages suppressed)", suppressed);
            suppressed = 0;
        }
        log.warn(format, args);
        nextMs = now + intervalMs;
    }
}
