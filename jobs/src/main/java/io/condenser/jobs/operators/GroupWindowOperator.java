package io.condenser.jobs.operators;

import io.condenser.jobs.functions.GroupWindowFunction;
import io.condenser.model.Sample;
import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Flink's operator for the group stage's keyed broadcast function, plus what the stage needs of the
 * operator: to learn when a watermark has fired its timers (old rule definitions are then let go),
 * and, after a restore, how many groups of each rule this subtask's key groups hold ({@code
 * max_output_series} admission survives a restore at any parallelism). We extend Flink's
 * {@code @Internal} operator because the public function API has neither hook.
 */
public final class GroupWindowOperator
        extends CoBroadcastWithKeyedOperator<
                String, SeriesPartial, io.condenser.jobs.rules.RuleSetUpdate, Sample> {

    private static final long serialVersionUID = 1L;

    private final GroupWindowFunction function;

    public GroupWindowOperator(
            GroupWindowFunction function, List<MapStateDescriptor<?, ?>> broadcastState) {
        super(function, broadcastState);
        this.function = function;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (context.isRestored()) {
            KeyedStateBackend<String> backend = getKeyedStateBackend();
            function.restoreKeyCounts(RestoredKeyCounts.count(backend, function.countedState()));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        function.onWatermark(mark.getTimestamp());
    }
}
