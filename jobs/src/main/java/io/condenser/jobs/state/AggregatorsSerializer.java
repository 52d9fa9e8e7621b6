package io.condenser.jobs.state;

import io.condenser.rules.aggregate.Aggregator;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One window's aggregators of a group. Layout version 1: count, then per aggregator a presence flag
 * and {@code AggregatorStates} (output id + the aggregator's own versioned state).
 */
public final class AggregatorsSerializer extends VersionedSerializer<Aggregator[]> {

    private static final long serialVersionUID = 1L;
    public static final int VERSION_1 = 1;
    public static final AggregatorsSerializer INSTANCE = new AggregatorsSerializer();

    @Override
    protected int currentVersion() {
        return VERSION_1;
    }

    @Override
    protected void write(Aggregator[] aggs, DataOutputView out) throws IOException {
        StateIo.writeAggregators(aggs, out);
    }

    @Override
    protected Aggregator[] read(int version, DataInputView in) throws IOException {
        if (version != VERSION_1) {
            throw unknownVersion(version);
        }
        return StateIo.readAggregators(in);
    }

    @Override
    public TypeSerializerSnapshot<Aggregator[]> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Aggregator[]> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
