package io.condenser.jobs.testing;

import java.util.stream.Stream;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractBroadcastStreamOperatorTestHarness;

/** Reading leftover keyed state out of a broadcast-connected operator under test. */
public final class Harnesses {

    private Harnesses() {}

    /** How many keys hold state {@code stateName} (works for heap and RocksDB backends). */
    public static long keysWithState(
            AbstractBroadcastStreamOperatorTestHarness<?, ?, ?> harness, String stateName)
            throws Exception {
        @SuppressWarnings("unchecked")
        KeyedStateBackend<Object> backend =
                (KeyedStateBackend<Object>)
                        ((AbstractStreamOperator<?>) harness.getTwoInputOperator())
                                .getKeyedStateBackend();
        try (Stream<Object> keys = backend.getKeys(stateName, VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }
}
