package io.condenser.connectors.kafka;

import org.slf4j.Logger;

/**
 * Logs at most one warning per interval and says how many were suppressed: a producer that writes
 * garbage into the topic must not flood the task manager log. (The remote-write sink has the same
 * small class, package-private to its package; two copies of twenty lines beat a shared util
 * package.)
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

    void warn(String format, Object... args) {
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
