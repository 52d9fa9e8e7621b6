package io.condenser.connectors.eventtime;

import java.util.Objects;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Any FLIP-27 source, with event time that real traffic cannot break: event time is the minimum
 * over the channels that flow (per connection on the direct source, per partition on Kafka), a
 * quiet channel stops holding it, a pause of all input holds it where it is (it never jumps), and
 * only after {@link EventTimeConfig#idleTimeout()} with no input anywhere does it follow the wall
 * clock so the last windows come out. The readers agree through the source's coordinator, so a
 * reader without input follows the others instead of going idle. docs/architecture.md, "How event
 * time moves", has the whole of it.
 *
 * <pre>{@code
 * EventTimeSource<Sample, ?, ?> source = EventTimeSource.of(kafkaSource, config, (s, t) -> s.timestampMs());
 * env.fromSource(source, source.watermarkStrategy(), "metrics");
 * }</pre>
 *
 * <p>Its readers and enumerator wrap the source's own; splits and checkpoints are the wrapped
 * source's, so wrapping changes no savepoint.
 */
public final class EventTimeSource<T, SplitT extends SourceSplit, CheckpointT>
        implements Source<T, SplitT, CheckpointT>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final Source<T, SplitT, CheckpointT> delegate;
    private final EventTimeConfig config;
    private final SerializableTimestampAssigner<T> timestamps;
    private final TypeInformation<T> producedType;

    private EventTimeSource(
            Source<T, SplitT, CheckpointT> delegate,
            EventTimeConfig config,
            SerializableTimestampAssigner<T> timestamps,
            TypeInformation<T> producedType) {
        this.delegate = Objects.requireNonNull(delegate, "source");
        this.config = Objects.requireNonNull(config, "config");
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
        this.producedType = Objects.requireNonNull(producedType, "produced type");
    }

    public static <T, SplitT extends SourceSplit, CheckpointT>
            EventTimeSource<T, SplitT, CheckpointT> of(
                    Source<T, SplitT, CheckpointT> source,
                    EventTimeConfig config,
                    SerializableTimestampAssigner<T> timestamps,
                    TypeInformation<T> producedType) {
        return new EventTimeSource<>(source, config, timestamps, producedType);
    }

    public EventTimeConfig config() {
        return config;
    }

    /**
     * The strategy to attach the source with: the readers emit the watermarks themselves and stamp
     * every record, so Flink's generator does nothing.
     */
    public WatermarkStrategy<T> watermarkStrategy() {
        return WatermarkStrategy.<T>forGenerator(ctx -> new ReaderEmitsWatermarks<>())
                .withTimestampAssigner((record, ts) -> ts);
    }

    /** Leaves the watermarks to the reader. */
    private static final class ReaderEmitsWatermarks<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, SplitT> createReader(SourceReaderContext readerContext)
            throws Exception {
        return new EventTimeReader<>(
                delegate.createReader(readerContext),
                readerContext,
                config,
                timestamps::extractTimestamp);
    }

    @Override
    public SplitEnumerator<SplitT, CheckpointT> createEnumerator(
            SplitEnumeratorContext<SplitT> enumContext) throws Exception {
        return new EventTimeEnumerator<>(
                delegate.createEnumerator(enumContext), enumContext, config);
    }

    @Override
    public SplitEnumerator<SplitT, CheckpointT> restoreEnumerator(
            SplitEnumeratorContext<SplitT> enumContext, CheckpointT checkpoint) throws Exception {
        return new EventTimeEnumerator<>(
                delegate.restoreEnumerator(enumContext, checkpoint), enumContext, config);
    }

    @Override
    public SimpleVersionedSerializer<SplitT> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<CheckpointT> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }
}
