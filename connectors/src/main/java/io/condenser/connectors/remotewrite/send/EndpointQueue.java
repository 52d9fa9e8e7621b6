package io.condenser.connectors.remotewrite.send;

import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One endpoint's bounded queue of batches and the thread that sends them, one request at a time so
 * a series' samples reach the receiver in order. {@link #enqueue} blocks while the queue is full:
 * that is the sink's backpressure, and what bounds its memory during an outage. A send that fails
 * for good is remembered and rethrown to the task thread, which fails the job.
 */
public final class EndpointQueue implements AutoCloseable {

    private final BatchSender sender;
    private final RemoteWriteMetrics.Endpoint metrics;
    private final BlockingQueue<List<Sample>> queue;
    private final Thread thread;
    private final Object idle = new Object();
    private long outstanding; // guarded by idle: enqueued but not yet finished
    private volatile Throwable failure;
    private volatile boolean closed;

    public EndpointQueue(BatchSender sender, int capacity, String threadName) {
        this.sender = sender;
        this.metrics = sender.metrics();
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a batch, blocking while the queue is full. */
    public void enqueue(List<Sample> batch) throws IOException, InterruptedException {
        checkFailure();
        synchronized (idle) {
            outstanding++;
        }
        metrics.queued(1);
        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            if (failure != null || closed) {
                synchronized (idle) {
                    outstanding--;
                }
                metrics.queued(-1);
                checkFailure();
                throw new IOException("endpoint queue closed: " + sender.url());
            }
        }
    }

    /** Waits until every queued batch is delivered or refused for good. */
    public void awaitIdle() throws IOException, InterruptedException {
        synchronized (idle) {
            while (outstanding > 0 && failure == null) {
                idle.wait(100);
            }
        }
        checkFailure();
    }

    public boolean isIdle() {
        synchronized (idle) {
            return outstanding == 0;
        }
    }

    private void checkFailure() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw new IOException("remote write to " + sender.url() + " failed: " + f, f);
        }
    }

    private void run() {
        try {
            while (!closed) {
                List<Sample> batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    continue;
                }
                try {
                    sender.send(batch);
                } finally {
                    metrics.queued(-1);
                    synchronized (idle) {
                        outstanding--;
                        idle.notifyAll();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.interrupt();
        thread.join(10_000);
    }
}
