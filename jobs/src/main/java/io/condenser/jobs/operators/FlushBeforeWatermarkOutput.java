package io.condenser.jobs.operators;

import io.condenser.rules.engine.SeriesPartial;
import java.util.function.Consumer;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * Wraps an operator's output so that the partials of the windows a watermark closes are emitted
 * right before that watermark, and every partial held before the operator announces it is idle.
 * Hooking the output, not {@code processWatermark}, keeps Flink's own order intact: timers fire
 * first (they may add to the combiner), then this flushes, then the watermark leaves.
 */
final class FlushBeforeWatermarkOutput<OUT> implements Output<StreamRecord<OUT>> {

    private final Output<StreamRecord<OUT>> delegate;
    private final CombiningFunction function;
    private final Consumer<SeriesPartial> emit;

    FlushBeforeWatermarkOutput(
            Output<StreamRecord<OUT>> delegate,
            CombiningFunction function,
            Consumer<SeriesPartial> emit) {
        this.delegate = delegate;
        this.function = function;
        this.emit = emit;
    }

    @Override
    public void emitWatermark(Watermark mark) {
        function.flushClosed(mark.getTimestamp(), emit);
        delegate.emitWatermark(mark);
    }

    /**
     * An operator going idle sends everything it holds first: downstream ignores an idle channel's
     * watermark, so the other subtasks may close a window this one still holds a partial of.
     */
    @Override
    public void emitWatermarkStatus(WatermarkStatus watermarkStatus) {
        if (watermarkStatus.isIdle()) {
            function.flushAll(emit);
        }
        delegate.emitWatermarkStatus(watermarkStatus);
    }

    @Override
    public <X> void collect(OutputTag<X> outputTag, StreamRecord<X> record) {
        delegate.collect(outputTag, record);
    }

    @Override
    public void emitLatencyMarker(LatencyMarker latencyMarker) {
        delegate.emitLatencyMarker(latencyMarker);
    }

    @Override
    public void emitRecordAttributes(RecordAttributes recordAttributes) {
        delegate.emitRecordAttributes(recordAttributes);
    }

    @Override
    public void emitWatermark(WatermarkEvent watermark) {
        delegate.emitWatermark(watermark);
    }

    @Override
    public void collect(StreamRecord<OUT> record) {
        delegate.collect(record);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
