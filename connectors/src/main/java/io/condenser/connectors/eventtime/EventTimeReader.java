package io.condenser.connectors.eventtime;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

/**
 * Wraps a source's reader so that this reader, not Flink's per-split watermark generators, says
 * where event time is ({@link ReaderClock}): the wrapped reader emits as always, per split output
 * (a Kafka partition, a direct-source connection), and this tracks each as a channel, emits the
 * watermark on the main output once per tick, and exchanges event time with the coordinator. It
 * never announces the output idle: an idle announcement would let Flink move the downstream
 * watermark to the highest of its inputs', which is exactly the jump a pause must not make.
 */
final class EventTimeReader<T, SplitT extends SourceSplit> implements SourceReader<T, SplitT> {

    private final SourceReader<T, SplitT> delegate;
    private final SourceReaderContext context;
    private final TimestampAssigner<T> timestamps;
    private final ReaderClock clock;
    private final long tickMs;
    private final ScheduledExecutorService ticker;
    private long nextTickAt;
    private ReaderOutput<T> realOutput;
    private Output wrapped;

    EventTimeReader(
            SourceReader<T, SplitT> delegate,
            SourceReaderContext context,
            EventTimeConfig config,
            TimestampAssigner<T> timestamps) {
        this.delegate = delegate;
        this.context = context;
        this.timestamps = timestamps;
        this.clock = new ReaderClock(config);
        this.tickMs = config.tick().toMillis();
        this.ticker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "event-time-tick");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (output != realOutput) {
            realOutput = output;
            wrapped = new Output(output);
        }
        long now = System.currentTimeMillis();
        if (now >= nextTickAt) {
            nextTickAt = now + tickMs;
            long wm = clock.tick(now);
            if (wm != Long.MIN_VALUE) {
                output.emitWatermark(new Watermark(wm));
            }
            context.sendSourceEventToCoordinator(clock.report());
        }
        InputStatus status = delegate.pollNext(wrapped);
        return status;
    }

    /** Completes on data or at the next tick: the ticks go on through a pause, which they watch. */
    @Override
    public CompletableFuture<Void> isAvailable() {
        CompletableFuture<Void> data = delegate.isAvailable();
        if (data.isDone()) {
            return data;
        }
        CompletableFuture<Void> tick = new CompletableFuture<>();
        long delay = Math.max(1, nextTickAt - System.currentTimeMillis());
        ticker.schedule(() -> tick.complete(null), delay, TimeUnit.MILLISECONDS);
        return CompletableFuture.anyOf(data, tick).thenApply(x -> null);
    }

    @Override
    public List<SplitT> snapshotState(long checkpointId) {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void addSplits(List<SplitT> splits) {
        delegate.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        delegate.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent sourceEvent) {
        if (sourceEvent instanceof JobTimeEvent job) {
            clock.onJobTime(job);
        } else {
            delegate.handleSourceEvents(sourceEvent);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        delegate.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        delegate.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(
            java.util.Collection<String> splitsToPause,
            java.util.Collection<String> splitsToResume) {
        delegate.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
        ticker.shutdownNow();
        delegate.close();
    }

    /** The output the wrapped reader writes to: records pass, event time is this reader's. */
    private final class Output implements ReaderOutput<T> {
        private final ReaderOutput<T> real;
        private final ReaderClock.Channel main;

        Output(ReaderOutput<T> real) {
            this.real = real;
            this.main = clock.main();
        }

        @Override
        public void collect(T record) {
            collect(record, Long.MIN_VALUE);
        }

        @Override
        public void collect(T record, long timestamp) {
            long ts = timestamps.extractTimestamp(record, timestamp);
            main.observe(ts);
            real.collect(record, ts);
        }

        @Override
        public SourceOutput<T> createOutputForSplit(String splitId) {
            return new ChannelOutput(splitId, clock.channel(splitId), real);
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            clock.release(splitId);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }

    /** One channel's output. */
    private final class ChannelOutput implements SourceOutput<T> {
        private final String id;
        private final ReaderClock.Channel channel;
        private final ReaderOutput<T> real;

        ChannelOutput(String id, ReaderClock.Channel channel, ReaderOutput<T> real) {
            this.id = id;
            this.channel = channel;
            this.real = real;
        }

        @Override
        public void collect(T record) {
            collect(record, Long.MIN_VALUE);
        }

        @Override
        public void collect(T record, long timestamp) {
            long ts = timestamps.extractTimestamp(record, timestamp);
            channel.observe(ts);
            if (!channel.registered()) {
                clock.register(id, channel);
            }
            real.collect(record, ts);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
