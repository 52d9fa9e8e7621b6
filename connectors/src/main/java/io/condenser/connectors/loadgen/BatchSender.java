package io.condenser.connectors.loadgen;

import java.io.Closeable;
import java.io.IOException;

/**
 * Delivers one batch of lines the way a Telegraf output does: retrying what was not acknowledged
 * (HTTP: an exception, a 5xx or a 429; TCP: a failed write, on a new connection) until it succeeds
 * or the give-up time passes. Not thread-safe: one per worker.
 */
interface BatchSender extends Closeable {

    /** Milliseconds between attempts: short, then up to a second (Telegraf waits a flush). */
    long MIN_BACKOFF_MS = 50;

    long MAX_BACKOFF_MS = 1_000;

    /**
     * Sends one batch.
     *
     * @param giveUpNanos {@link System#nanoTime()} after which a failing batch is abandoned
     * @return the wall-clock ms at which it was acknowledged or written, -1 when abandoned
     */
    long send(byte[] body, long giveUpNanos) throws IOException, InterruptedException;

    /** Retries so far (attempts after the first, over all batches). */
    long retries();

    static long backoff(long previousMs) {
        return Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, previousMs * 2));
    }
}
