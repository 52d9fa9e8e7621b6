package io.condenser.connectors.direct.reader;

import org.slf4j.Logger;

/**
 * Logs bad input at most once per interval, with the number of messages suppressed since: one
 * misconfigured agent sending garbage must not flood the TaskManager log.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final long intervalNanos;
    private long lastNanos;
    private boolean logged;
    private long suppressed;

    public RateLimitedLog(Logger logger, long intervalMs) {
        this.logger = logger;
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    public void warn(String message) {
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
            logger.warn("{} ({} similar messages suppressed)", message, suppressedNow);
        } else {
            logger.warn(message);
        }
    }
}
