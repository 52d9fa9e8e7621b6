package io.condenser.connectors.remotewrite.send;

import java.io.Serializable;
import java.time.Duration;
import java.util.Random;

/**
 * When to try a failed request again: exponential backoff from {@code initialBackoff}, doubled per
 * attempt up to {@code maxBackoff}, with up to {@code jitter} of each delay removed at random so
 * that many subtasks do not hammer a recovering receiver in step. A {@code Retry-After} from the
 * receiver (429/503) replaces the computed delay, capped at {@link #MAX_RETRY_AFTER} so a
 * misconfigured receiver cannot park the sink for hours. Retrying stops once {@code maxRetryTime}
 * has passed since the first failure: the caller then fails the job, which restores from the last
 * checkpoint, so nothing is lost.
 */
public final class RetryPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
    public static final double DEFAULT_JITTER = 0.2;
    public static final Duration DEFAULT_MAX_RETRY_TIME = Duration.ofMinutes(10);

    /** The longest Retry-After obeyed; a longer one is treated as this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final double jitter;
    private final long maxRetryTimeMs;

    public RetryPolicy(
            Duration initialBackoff, Duration maxBackoff, double jitter, Duration maxRetryTime) {
        if (initialBackoff.toMillis() < 1) {
            throw new IllegalArgumentException(
                    "retry initial backoff must be >= 1ms, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "retry max backoff must be >= initial backoff "
                            + initialBackoff
                            + ", got "
                            + maxBackoff);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1), got " + jitter);
        }
        if (maxRetryTime.isNegative()) {
            throw new IllegalArgumentException("retry max time must be >= 0, got " + maxRetryTime);
        }
        this.initialBackoffMs = initialBackoff.toMillis();
        this.maxBackoffMs = maxBackoff.toMillis();
        this.jitter = jitter;
        this.maxRetryTimeMs = maxRetryTime.toMillis();
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF,
                DEFAULT_JITTER,
                DEFAULT_MAX_RETRY_TIME);
    }

    /**
     * The delay before retry number {@code retry} (1 for the first retry).
     *
     * @param retryAfterMs the receiver's Retry-After in ms, or a negative number when absent
     */
    public long delayMs(int retry, long retryAfterMs, Random random) {
        if (retryAfterMs >= 0) {
            return Math.min(retryAfterMs, MAX_RETRY_AFTER.toMillis());
        }
        long base = initialBackoffMs;
        for (int i = 1; i < retry && base < maxBackoffMs; i++) {
            base *= 2;
        }
        base = Math.min(base, maxBackoffMs);
        long cut = (long) (base * jitter * random.nextDouble());
        return base - cut;
    }

    /** True while a request first failed at {@code firstFailureMs} may still be retried. */
    public boolean mayRetry(long firstFailureMs, long nowMs) {
        return nowMs - firstFailureMs < maxRetryTimeMs;
    }

    public long initialBackoffMs() {
        return initialBackoffMs;
    }

    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    public double jitter() {
        return jitter;
    }

    public long maxRetryTimeMs() {
        return maxRetryTimeMs;
    }
}
