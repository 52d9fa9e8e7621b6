package io.condenser.connectors.remotewrite.writer;

import io.condenser.connectors.remotewrite.RemoteWriteConfig;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.BatchSender;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.EndpointQueue;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * The at-least-once writer: filters each sample against its series' high-water mark, batches by
 * samples, bytes and time, and hands full batches to every endpoint's {@link EndpointQueue} ({@code
 * maxConcurrentRequests} lanes per endpoint, a series always in the same lane). {@link #flush}
 * (called by Flink before every checkpoint) waits until the endpoints accepted or refused for good
 * everything written so far, so a completed checkpoint never covers a sample still in flight.
 *
 * <p>Expects its input keyed by output series upstream (see {@code
 * PrometheusRemoteWriteSink.keyBySeries}): then one series is always written by one subtask, in
 * order, and its high-water mark lives in that subtask's state.
 */
public class RemoteWriteSinkWriter implements StatefulSinkWriter<Sample, RemoteWriteWriterState> {

    protected final RemoteWriteConfig config;
    protected final RemoteWriteMetrics metrics;
    private final SeriesHighWaterMarks marks = new SeriesHighWaterMarks();
    private final ProcessingTimeService timers;
    private final Lane[] lanes;
    private final boolean sends;
    private boolean timerArmed;

    /**
     * One ordered stream of batches: its own buffer and, per endpoint, its own queue and sender
     * thread. A series always maps to the same lane, so its samples stay in order while lanes send
     * concurrently.
     */
    private static final class Lane {
        ArrayList<Sample> buffer = new ArrayList<>();
        long bytes;
        long startMs;
        final List<EndpointQueue> queues = new ArrayList<>();
    }

    /**
     * @param timers flushes a batch whose time bound passed while no samples arrive; null in tests
     *     that drive the writer directly
     * @param senders one per endpoint; empty for a writer that only produces committables
     */
    public RemoteWriteSinkWriter(
            RemoteWriteConfig config,
            RemoteWriteMetrics metrics,
            ProcessingTimeService timers,
            List<BatchSender> senders,
            Collection<RemoteWriteWriterState> restored,
            int subtask) {
        this.config = config;
        this.metrics = metrics;
        this.timers = timers;
        this.sends = !senders.isEmpty();
        for (RemoteWriteWriterState s : restored) {
            marks.restore(s);
        }
        this.lanes = new Lane[sends ? config.maxConcurrentRequests() : 1];
        for (int l = 0; l < lanes.length; l++) {
            lanes[l] = new Lane();
            for (int e = 0; e < senders.size(); e++) {
                lanes[l].queues.add(
                        new EndpointQueue(
                                senders.get(e),
                                config.maxQueuedBatches(),
                                "remote-write-" + subtask + "-" + e + "-" + l));
            }
        }
    }

    @Override
    public void write(Sample sample, Context context) throws IOException, InterruptedException {
        if (!RemoteWriteRequestEncoder.isEncodable(sample)) {
            metrics.dropped(DropReason.INVALID, 1);
            return;
        }
        long now = now();
        long hash = sample.seriesHash();
        if (!marks.advance(hash, sample.timestampMs(), now)) {
            metrics.dropped(DropReason.NOT_NEWER, 1);
            return;
        }
        Lane lane =
                lanes[lanes.length == 1 ? 0 : Math.floorMod(hash ^ (hash >>> 32), lanes.length)];
        if (lane.buffer.isEmpty()) {
            lane.startMs = now;
            armTimer(now + config.maxBatchDelayMs());
        }
        lane.buffer.add(sample);
        lane.bytes += RemoteWriteRequestEncoder.estimateBytes(sample);
        if (lane.buffer.size() >= config.maxBatchSamples()
                || lane.bytes >= config.maxBatchBytes()
                || now - lane.startMs >= config.maxBatchDelayMs()) {
            closeBatch(lane);
        }
    }

    private void closeBatch(Lane lane) throws IOException, InterruptedException {
        if (lane.buffer.isEmpty()) {
            return;
        }
        List<Sample> batch = lane.buffer;
        lane.buffer = new ArrayList<>(Math.min(config.maxBatchSamples(), 1024));
        lane.bytes = 0;
        dispatch(batch, lane.queues);
    }

    /** Hands a finished batch to every endpoint (blocking while their queues are full). */
    protected void dispatch(List<Sample> batch, List<EndpointQueue> queues)
            throws IOException, InterruptedException {
        for (EndpointQueue q : queues) {
            q.enqueue(batch);
        }
    }

    /** Ends every lane's current batch. */
    protected final void closeAllBatches() throws IOException, InterruptedException {
        for (Lane lane : lanes) {
            closeBatch(lane);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        closeAllBatches();
        for (Lane lane : lanes) {
            for (EndpointQueue q : lane.queues) {
                q.awaitIdle();
            }
        }
    }

    @Override
    public List<RemoteWriteWriterState> snapshotState(long checkpointId) {
        marks.expire(now(), config.seriesTtlMs());
        return List.of(marks.snapshot());
    }

    /** For tests: the number of series with a high-water mark. */
    public int trackedSeries() {
        return marks.size();
    }

    private void armTimer(long at) {
        if (timers == null || timerArmed || !sends) {
            return;
        }
        timerArmed = true;
        timers.registerTimer(at, this::onTimer);
    }

    private void onTimer(long time) throws IOException, InterruptedException {
        timerArmed = false;
        long now = now();
        long nextDue = Long.MAX_VALUE;
        for (Lane lane : lanes) {
            if (lane.buffer.isEmpty()) {
                continue;
            }
            long due = lane.startMs + config.maxBatchDelayMs();
            if (now >= due) {
                closeBatch(lane);
            } else {
                nextDue = Math.min(nextDue, due);
            }
        }
        if (nextDue != Long.MAX_VALUE) {
            armTimer(nextDue);
        }
    }

    private long now() {
        return timers != null ? timers.getCurrentProcessingTime() : System.currentTimeMillis();
    }

    @Override
    public void close() throws Exception {
        for (Lane lane : lanes) {
            for (EndpointQueue q : lane.queues) {
                q.close();
            }
        }
    }
}
