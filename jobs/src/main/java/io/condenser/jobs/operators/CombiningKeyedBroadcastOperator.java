package io.condenser.jobs.operators;

import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's operator for a {@link KeyedBroadcastProcessFunction} whose output is partials, plus the
 * two points a {@link CombiningFunction} needs: before each watermark (after the timers it fires)
 * and before each checkpoint barrier.
 */
public final class CombiningKeyedBroadcastOperator<K, IN1, IN2>
        extends CoBroadcastWithKeyedOperator<K, IN1, IN2, SeriesPartial> {

    private static final long serialVersionUID = 1L;

    public <F extends KeyedBroadcastProcessFunction<K, IN1, IN2, SeriesPartial> & CombiningFunction>
            CombiningKeyedBroadcastOperator(
                    F function, List<MapStateDescriptor<?, ?>> broadcastState) {
        super(function, broadcastState);
    }

    /** After a restore, tells a {@link RestoredKeyCounts} function what its key groups hold. */
    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (context.isRestored() && userFunction instanceof RestoredKeyCounts counted) {
            KeyedStateBackend<K> backend = getKeyedStateBackend();
            @SuppressWarnings("unchecked")
            KeyedStateBackend<String> byName = (KeyedStateBackend<String>) backend;
            counted.restoreKeyCounts(RestoredKeyCounts.count(byName, counted.countedState()));
            if (counted.parkedState() != null) {
                counted.restoreParkedKeys(
                        RestoredKeyCounts.countAll(byName, counted.parkedState()));
            }
        }
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
        output.collect(new StreamRecord<>(p));
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
