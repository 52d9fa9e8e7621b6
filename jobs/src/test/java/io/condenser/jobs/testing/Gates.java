package io.condenser.jobs.testing;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbered stops in a test source that the test opens one by one, so it can act (send a rule
 * update, wait for the sink) while the source stands still at a known point. JVM-wide, like {@link
 * CollectingSink} (the MiniCluster runs in the test's JVM); one instance per run.
 */
public final class Gates implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, AtomicInteger> OPENED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final long maxWaitMs;

    /**
     * @param maxWaitMs how long the source waits at a closed gate before it fails the job
     */
    public Gates(long maxWaitMs) {
        this.maxWaitMs = maxWaitMs;
        OPENED.put(id, new AtomicInteger());
        REACHED.put(id, new AtomicInteger());
    }

    /** Opens gates 0 … count − 1. */
    public void open(int count) {
        OPENED.get(id).accumulateAndGet(count, Math::max);
    }

    /** How many gates the source has arrived at. */
    public int reached() {
        return REACHED.get(id).get();
    }

    /** Called by the source: blocks until {@code gate} is open. */
    public void pass(int gate) throws InterruptedException, TimeoutException {
        REACHED.get(id).accumulateAndGet(gate + 1, Math::max);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        while (OPENED.get(id).get() <= gate) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("gate " + gate + " not opened in " + maxWaitMs + " ms");
            }
            Thread.sleep(2);
        }
    }
}
