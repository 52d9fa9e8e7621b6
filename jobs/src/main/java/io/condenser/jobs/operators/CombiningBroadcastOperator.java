package io.condenser.jobs.operators;

import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Flink's operator for a {@link BroadcastProcessFunction}, plus the two points a {@link
 * CombiningFunction} needs: before each watermark and before each checkpoint barrier. Partials go
 * to the side output {@code partials}.
 */
public final class CombiningBroadcastOperator<IN1, IN2, OUT>
        extends CoBroadcastWithNonKeyedOperator<IN1, IN2, OUT> {

    private static final long serialVersionUID = 1L;

    private final OutputTag<SeriesPartial> partials;

    public <F extends BroadcastProcessFunction<IN1, IN2, OUT> & CombiningFunction>
            CombiningBroadcastOperator(
                    F function,
                    List<MapStateDescriptor<?, ?>> broadcastState,
                    OutputTag<SeriesPartial> partials) {
        super(function, broadcastState);
        this.partials = partials;
    }

    @Override
    public void open() throws Exception {
        output = new FlushBeforeWatermarkOutput<>(output, combining(), this::emit);
        super.open();
    }

    private CombiningFunction combining() {
        return (CombiningFunction) userFunction;
    }

    private void emit(SeriesPartial p) {
        output.collect(partials, new StreamRecord<>(p));
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        combining().flushAll(this::emit);
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        combining().flushAll(this::emit);
        super.finish();
    }
}
