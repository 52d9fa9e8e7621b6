package io.condenser.connectors.model;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's serializer contract (copy, duplicate, snapshot round trip, concurrent use) for {@link
 * SampleSerializer}, including staleness markers and empty labels.
 */
class SampleSerializerTest extends SerializerTestBase<Sample> {

    @Override
    protected TypeSerializer<Sample> createSerializer() {
        return SampleSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<Sample> getTypeClass() {
        return Sample.class;
    }

    @Override
    protected Sample[] getTestData() {
        return new Sample[] {
            Sample.of("up", Labels.EMPTY, 0L, 1.0),
            Sample.of(
                    "cpu_usage_idle",
                    Labels.of("host", "a", "cpu", "cpu0"),
                    1_700_000_000_000L,
                    99.5),
            Sample.of("x", Labels.of("k", "v\"\n\\ünïcødé"), -1L, Double.NEGATIVE_INFINITY),
            Sample.of("nan", Labels.of("a", "b"), 5L, Double.NaN),
            Sample.staleMarker("http_requests_total", Labels.of("job", "api"), 60_000L),
            Sample.of("big", Labels.of("v", "x".repeat(70_000)), Long.MAX_VALUE, Double.MAX_VALUE),
        };
    }
}
