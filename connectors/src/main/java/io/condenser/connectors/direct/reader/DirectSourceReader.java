package io.condenser.connectors.direct.reader;

import io.condenser.connectors.direct.DirectParsers;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.direct.net.Batch;
import io.condenser.connectors.direct.net.Inbox;
import io.condenser.connectors.direct.net.SampleQueue;
import io.condenser.connectors.direct.net.SharedListeners;
import io.condenser.connectors.direct.split.ListenerSplit;
import io.condenser.connectors.util.RateLimitedLog;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the listeners of its splits (joining the TaskManager's shared listener per port) and emits
 * what the network threads queue, each sample through the output of its channel — a TCP connection,
 * an HTTP client's address — so event time is tracked per agent, not per listener ({@code
 * EventTimeSource}); a closed connection's output is released after its samples. Waits on the
 * queue's availability future, never spins. With ack on-checkpoint it releases held HTTP responses
 * when a checkpoint that contains their samples completes.
 */
public final class DirectSourceReader implements SourceReader<Sample, ListenerSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectSourceReader.class);

    /** Samples emitted per pollNext call, so checkpoint barriers are not held up by big batches. */
    static final int MAX_PER_POLL = 1024;

    private final SourceReaderContext context;
    private final DirectSourceConfig config;
    private final SampleQueue queue;
    private final DirectSourceMetrics metrics;
    private final Inbox inbox;
    private final Map<String, ListenerSplit> splits = new LinkedHashMap<>();
    private final Map<Protocol, SharedListeners.Lease> leases = new EnumMap<>(Protocol.class);
    private final Map<String, SourceOutput<Sample>> outputs = new HashMap<>();
    private final PendingAcks acks = new PendingAcks();
    private final TreeMap<Long, Long> tcpEmittedAtCheckpoint = new TreeMap<>();
    private long tcpEmitted;
    private Batch current;
    private int cursor;

    public DirectSourceReader(
            SourceReaderContext context, DirectSourceConfig config, DirectParsers parsers) {
        this.context = context;
        this.config = config;
        this.queue = new SampleQueue(config.queueCapacity());
        this.metrics = new DirectSourceMetrics(context.metricGroup(), queue::sizeSamples);
        this.inbox =
                new Inbox(
                        queue,
                        metrics,
                        config,
                        parsers,
                        new RateLimitedLog(LoggerFactory.getLogger(Inbox.class), 10_000));
    }

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<Sample> output) {
        int emitted = 0;
        while (emitted < MAX_PER_POLL) {
            if (current == null) {
                current = queue.poll();
                cursor = 0;
                if (current == null) {
                    return InputStatus.NOTHING_AVAILABLE;
                }
            }
            if (current.closesChannel()) {
                if (outputs.remove(current.channel()) != null) {
                    output.releaseOutputForSplit(current.channel());
                }
                current = null;
                continue;
            }
            SourceOutput<Sample> out =
                    outputs.computeIfAbsent(current.channel(), output::createOutputForSplit);
            List<Sample> samples = current.samples();
            int end = Math.min(samples.size(), cursor + MAX_PER_POLL - emitted);
            for (int i = cursor; i < end; i++) {
                Sample s = samples.get(i);
                out.collect(s, s.timestampMs());
            }
            emitted += end - cursor;
            cursor = end;
            if (cursor == samples.size()) {
                finished(current);
                current = null;
            }
        }
        return InputStatus.MORE_AVAILABLE;
    }

    private void finished(Batch batch) {
        if (batch.tcp()) {
            tcpEmitted += batch.samples().size();
        }
        if (batch.ack() != null) {
            acks.emitted(batch.ack());
        }
    }

    @Override
    public List<ListenerSplit> snapshotState(long checkpointId) {
        acks.snapshot(checkpointId);
        tcpEmittedAtCheckpoint.put(checkpointId, tcpEmitted);
        return new ArrayList<>(splits.values());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        acks.complete(checkpointId);
        Map<Long, Long> done = tcpEmittedAtCheckpoint.headMap(checkpointId, true);
        if (!done.isEmpty()) {
            metrics.tcpCheckpointed(tcpEmittedAtCheckpoint.floorEntry(checkpointId).getValue());
            done.clear();
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return current != null ? CompletableFuture.completedFuture(null) : queue.available();
    }

    @Override
    public void addSplits(List<ListenerSplit> newSplits) {
        for (ListenerSplit split : newSplits) {
            splits.put(split.splitId(), split);
            Protocol protocol = split.protocol();
            if (leases.containsKey(protocol) || !config.enabled(protocol)) {
                // after rescaling a reader may hold two splits of one protocol: one serves
                continue;
            }
            inbox.serve(protocol, split.splitId());
            // a ListenerBindException fails the job for good (a port in use is no transient error)
            leases.put(protocol, SharedListeners.acquire(config, protocol, inbox));
            LOG.info("subtask {} serves {}", context.getIndexOfSubtask(), split.splitId());
        }
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        inbox.close();
        // held responses first (503, the client retries), while the HTTP server still runs
        for (Batch b : queue.close()) {
            if (b.ack() != null) {
                b.ack().complete(false);
            }
        }
        if (current != null && current.ack() != null) {
            current.ack().complete(false);
        }
        acks.failAll();
        leases.values().forEach(SharedListeners.Lease::close);
        leases.clear();
    }

    /** For tests: samples waiting in the queue. */
    int queuedSamplesForTest() {
        return queue.sizeSamples();
    }

    /** For tests: the metrics this reader keeps. */
    public DirectSourceMetrics metrics() {
        return metrics;
    }
}
