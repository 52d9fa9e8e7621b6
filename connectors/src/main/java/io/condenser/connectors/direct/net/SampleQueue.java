package io.condenser.connectors.direct.net;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between network threads and the reader's {@code pollNext}, bounded in
 * samples (not batches) so memory stays bounded however requests are sized. TCP threads block in
 * {@link #put} (they stop reading their socket, so TCP flow control reaches the agent); HTTP
 * threads {@link #offer} and answer 503 when it is full. The reader waits on {@link #available()}
 * instead of spinning, as FLIP-27 asks.
 *
 * <p>Two bounds. The capacity is the cushion for writers that cannot wait (HTTP: a burst of agents
 * flushing at the same second is queued, not refused). Writers that can wait (TCP) stop at {@link
 * #BLOCKING_WRITERS_BOUND} already: their waiting is free backpressure, and a deep queue of their
 * samples only makes each sample older by the time the reader takes it — out of the CPU caches and,
 * at a second or more, past the young generation (benchmarks.md, "The direct source's queue").
 *
 * <p>Hand-written rather than Flink's {@code FutureCompletingBlockingQueue}: that one bounds the
 * number of elements and cannot take a non-blocking offer that fails when full.
 */
public final class SampleQueue {

    /** Samples queued beyond which {@link #put} waits (or the capacity, when that is lower). */
    public static final int BLOCKING_WRITERS_BOUND = 4096;

    private static final CompletableFuture<Void> AVAILABLE =
            CompletableFuture.completedFuture(null);

    private final int capacity;
    private final int blockingBound;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<Batch> batches = new ArrayDeque<>();
    private int samples;
    private boolean closed;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    public SampleQueue(int capacitySamples) {
        this.capacity = capacitySamples;
        this.blockingBound = Math.min(capacitySamples, BLOCKING_WRITERS_BOUND);
    }

    /** Adds a batch unless it does not fit; an empty queue takes any batch, however large. */
    public boolean offer(Batch batch) {
        CompletableFuture<Void> toComplete;
        lock.lock();
        try {
            if (closed || !fits(batch, capacity)) {
                return false;
            }
            toComplete = add(batch);
        } finally {
            lock.unlock();
        }
        toComplete.complete(null);
        return true;
    }

    /**
     * Waits (up to the timeout) until the queue holds less than {@link #BLOCKING_WRITERS_BOUND},
     * then adds the batch. False when closed or timed out: the caller decides whether to wait
     * again.
     */
    public boolean put(Batch batch, long timeoutMs) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        CompletableFuture<Void> toComplete;
        lock.lockInterruptibly();
        try {
            while (!closed && !fits(batch, blockingBound)) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            if (closed) {
                return false;
            }
            toComplete = add(batch);
        } finally {
            lock.unlock();
        }
        toComplete.complete(null);
        return true;
    }

    private boolean fits(Batch batch, int bound) {
        return samples == 0 || samples + batch.samples().size() <= bound;
    }

    private CompletableFuture<Void> add(Batch batch) {
        batches.addLast(batch);
        samples += batch.samples().size();
        return available;
    }

    /** The oldest batch, or null. */
    public Batch poll() {
        lock.lock();
        try {
            Batch b = batches.pollFirst();
            if (b != null) {
                samples -= b.samples().size();
                notFull.signalAll();
            }
            return b;
        } finally {
            lock.unlock();
        }
    }

    /** Completes when a batch is (or may be) waiting; completed at once when one is. */
    public CompletableFuture<Void> available() {
        lock.lock();
        try {
            if (!batches.isEmpty() || closed) {
                return AVAILABLE;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        } finally {
            lock.unlock();
        }
    }

    public int sizeSamples() {
        lock.lock();
        try {
            return samples;
        } finally {
            lock.unlock();
        }
    }

    public boolean isEmpty() {
        return sizeSamples() == 0 && batchCount() == 0;
    }

    private int batchCount() {
        lock.lock();
        try {
            return batches.size();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further batches, wakes blocked writers and hands back what was still queued. */
    public java.util.List<Batch> close() {
        CompletableFuture<Void> toComplete;
        java.util.List<Batch> left;
        lock.lock();
        try {
            closed = true;
            left = new java.util.ArrayList<>(batches);
            batches.clear();
            samples = 0;
            notFull.signalAll();
            toComplete = available;
        } finally {
            lock.unlock();
        }
        toComplete.complete(null);
        return left;
    }
}
