package io.condenser.connectors.remotewrite.writer;

import io.condenser.connectors.model.Sample;
import io.condenser.connectors.remotewrite.RemoteWriteConfig;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.BatchSender;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.EndpointQueue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * The at-least-once writer: filters each sample against its series' high-water mark, batches by
 * samples, bytes and time, and hands full batches to every endpoint's {@link EndpointQueue}. {@link
 * #flush} (called by Flink before every checkpoint) waits until the endpoints accepted or refused
 * for good everything written so far, so a completed checkpoint never covers a sample still in
 * flight.
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
    private final List<EndpointQueue> queues = new ArrayList<>();

    private ArrayList<Sample> buffer = new ArrayList<>();
    private long bufferBytes;
    private long bufferStartMs;
    private boolean timerArmed;

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
        for (RemoteWriteWriterState s : restored) {
            marks.restore(s);
        }
        for (int i = 0; i < senders.size(); i++) {
            queues.add(
                    new EndpointQueue(
                            senders.get(i),
                            config.maxQueuedBatches(),
                            "remote-write-" + subtask + "-" + i));
        }
    }

    @Override
    public void write(Sample sample, Context context) throws IOException, InterruptedException {
        if (!RemoteWriteRequestEncoder.isEncodable(sample)) {
            metrics.dropped(DropReason.INVALID, 1);
            return;
        }
        long now = now();
        if (!marks.advance(sample.seriesHash(), sample.timestampMs(), now)) {
            metrics.dropped(DropReason.NOT_NEWER, 1);
            return;
        }
        if (buffer.isEmpty()) {
            bufferStartMs = now;
            armTimer(now + config.maxBatchDelayMs());
        }
        buffer.add(sample);
        bufferBytes += RemoteWriteRequestEncoder.estimateBytes(sample);
        if (buffer.size() >= config.maxBatchSamples()
                || bufferBytes >= config.maxBatchBytes()
                || now - bufferStartMs >= config.maxBatchDelayMs()) {
            closeBatch();
        }
    }

    /**
     * Ends the current batch: hands it to every endpoint (blocking while their queues are full).
     */
    protected void closeBatch() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<Sample> batch = takeBuffer();
        for (EndpointQueue q : queues) {
            q.enqueue(batch);
        }
    }

    protected final List<Sample> takeBuffer() {
        List<Sample> batch = buffer;
        buffer = new ArrayList<>(Math.min(config.maxBatchSamples(), 1024));
        bufferBytes = 0;
        return batch;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        closeBatch();
        for (EndpointQueue q : queues) {
            q.awaitIdle();
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
        if (timers == null || timerArmed || queues.isEmpty()) {
            return;
        }
        timerArmed = true;
        timers.registerTimer(at, this::onTimer);
    }

    private void onTimer(long time) throws IOException, InterruptedException {
        timerArmed = false;
        if (buffer.isEmpty()) {
            return;
        }
        long due = bufferStartMs + config.maxBatchDelayMs();
        if (now() >= due) {
            closeBatch();
        } else {
            armTimer(due);
        }
    }

    private long now() {
        return timers != null ? timers.getCurrentProcessingTime() : System.currentTimeMillis();
    }

    @Override
    public void close() throws Exception {
        for (EndpointQueue q : queues) {
            q.close();
        }
    }
}
