package io.condenser.jobs.state;

import io.condenser.model.Labels;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AggregatorStates;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Field codecs the pipeline's serializers share. */
public final class StateIo {

    private StateIo() {}

    public static void writeLabels(Labels labels, DataOutputView out) throws IOException {
        out.writeInt(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            StringValue.writeString(labels.name(i), out);
            StringValue.writeString(labels.value(i), out);
        }
    }

    public static Labels readLabels(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt state: negative label count " + n);
        }
        Labels.Builder b = Labels.builder();
        for (int i = 0; i < n; i++) {
            b.set(StringValue.readString(in), StringValue.readString(in));
        }
        return b.build();
    }

    /** An aggregator array; null entries (non-cumulative outputs of a carry) are kept. */
    public static void writeAggregators(Aggregator[] aggs, DataOutputView out) throws IOException {
        out.writeInt(aggs.length);
        for (Aggregator a : aggs) {
            out.writeBoolean(a != null);
            if (a != null) {
                AggregatorStates.write(a, out);
            }
        }
    }

    public static Aggregator[] readAggregators(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("corrupt state: negative aggregator count " + n);
        }
        Aggregator[] aggs = new Aggregator[n];
        for (int i = 0; i < n; i++) {
            if (in.readBoolean()) {
                aggs[i] = AggregatorStates.read(in);
            }
        }
        return aggs;
    }
}
