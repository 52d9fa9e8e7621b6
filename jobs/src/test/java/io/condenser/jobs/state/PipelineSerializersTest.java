package io.condenser.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.aggregate.AggregatorStates;
import io.condenser.rules.aggregate.CounterTracker;
import io.condenser.rules.engine.GroupState;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesFeed;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.SeriesState;
import io.condenser.rules.model.Output;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every serializer of the pipeline's own types: round trip, snapshot, unknown layout version. */
class PipelineSerializersTest {

    record Case<T>(String name, TypeSerializer<T> serializer, T value, Function<T, String> view) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Aggregator[] aggs() {
        Aggregator sum = Output.SUM_SAMPLES.newAggregator(List.of());
        sum.add(io.condenser.rules.aggregate.AggregatorInput.sample(1, 1000, 2.5));
        return new Aggregator[] {sum, null, Output.QUANTILES.newAggregator(List.of(0.5))};
    }

    static String view(Aggregator[] a) {
        return Arrays.stream(a)
                .map(x -> x == null ? "null" : Arrays.toString(AggregatorStates.toBytes(x)))
                .toList()
                .toString();
    }

    static Stream<Arguments> cases() {
        Sample sample = Sample.of("m", Labels.of("a", "1"), 1000, 2);
        SeriesState s = new SeriesState();
        s.fingerprint = 7;
        s.expiryTimerMs = 120_000;
        s.feed.accept(new SeriesFeed.Params(30_000, 300_000, true), 5, 10, (t, v, d) -> {});
        s.heldSample = sample;
        GroupState g = new GroupState();
        g.fingerprint = 3;
        g.metric = "";
        g.labels = Labels.EMPTY;
        g.lastSeenMs = 5;
        g.lastEmittedEnd = 60_000;
        g.carry = aggs();
        g.emitted.add(new GroupState.Emitted("x_total", Labels.of("le", "1")));
        return Stream.of(
                Arguments.of(
                        new Case<>(
                                "MatchedSample",
                                MatchedSampleSerializer.INSTANCE,
                                new MatchedSample("r", 42, sample),
                                MatchedSample::toString)),
                Arguments.of(
                        new Case<>(
                                "SeriesPartial",
                                SeriesPartialSerializer.INSTANCE,
                                new SeriesPartial(
                                        "r", 1, "m", Labels.of("b", "2"), 60_000, 59_000, aggs()),
                                p ->
                                        p.rule()
                                                + p.fingerprint()
                                                + p.groupMetric()
                                                + p.groupLabels()
                                                + p.windowEnd()
                                                + p.lastTimestampMs()
                                                + view(p.aggregators()))),
                Arguments.of(
                        new Case<>(
                                "SeriesState",
                                SeriesStateSerializer.INSTANCE,
                                s,
                                x ->
                                        x.fingerprint
                                                + " "
                                                + x.expiryTimerMs
                                                + " "
                                                + x.feed.lastTimestampMs()
                                                + x.feed.holdsSample()
                                                + x.feed.heldTimestampMs()
                                                + x.heldSample)),
                Arguments.of(
                        new Case<>(
                                "GroupState",
                                GroupStateSerializer.INSTANCE,
                                g,
                                x ->
                                        x.fingerprint
                                                + x.metric
                                                + x.labels
                                                + x.lastSeenMs
                                                + " "
                                                + x.lastEmittedEnd
                                                + view(x.carry)
                                                + x.emitted)),
                Arguments.of(
                        new Case<>(
                                "Aggregators",
                                AggregatorsSerializer.INSTANCE,
                                aggs(),
                                PipelineSerializersTest::view)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    <T> void roundTripsAndCopies(Case<T> c) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        c.serializer().serialize(c.value(), out);
        T back = c.serializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(c.view().apply(back)).isEqualTo(c.view().apply(c.value()));
        assertThat(c.view().apply(c.serializer().copy(c.value())))
                .isEqualTo(c.view().apply(c.value()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    <T> void snapshotRestoresACompatibleSerializer(Case<T> c) throws IOException {
        TypeSerializerSnapshot<T> snapshot = c.serializer().snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        TypeSerializerSnapshot<T> read =
                TypeSerializerSnapshot.readVersionedSnapshot(
                        new DataInputDeserializer(out.getCopyOfBuffer()),
                        getClass().getClassLoader());
        assertThat(read.restoreSerializer().getClass()).isEqualTo(c.serializer().getClass());
        TypeSerializerSchemaCompatibility<T> compat =
                c.serializer().snapshotConfiguration().resolveSchemaCompatibility(read);
        assertThat(compat.isCompatibleAsIs()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("cases")
    <T> void anUnknownLayoutVersionIsAnIoException(Case<T> c) {
        byte[] bytes = {(byte) 99, 0, 0, 0, 0};
        assertThatThrownBy(() -> c.serializer().deserialize(new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("99");
    }

    @org.junit.jupiter.api.Test
    void seriesStateOfRelease01IsReadAsLegacyWithItsTracker() throws IOException {
        org.apache.flink.core.memory.DataOutputSerializer out =
                new org.apache.flink.core.memory.DataOutputSerializer(64);
        out.writeByte(SeriesStateSerializer.VERSION_1);
        out.writeInt(7);
        out.writeLong(99); // last timestamp
        out.writeLong(60_000); // closed up to
        org.apache.flink.types.StringValue.writeString("m", out);
        StateIo.writeLabels(Labels.of("a", "1"), out);
        CounterTracker t = new CounterTracker();
        t.observe(99, 10);
        t.write(out);
        SeriesState s =
                SeriesStateSerializer.INSTANCE.deserialize(
                        new org.apache.flink.core.memory.DataInputDeserializer(
                                out.getCopyOfBuffer()));
        assertThat(s).isInstanceOf(Release01SeriesState.class);
        assertThat(s.fingerprint).isEqualTo(7);
        assertThat(((Release01SeriesState) s).groupMetric).isEqualTo("m");
        assertThat(((Release01SeriesState) s).groupLabels).isEqualTo(Labels.of("a", "1"));
        assertThat(s.feed.lastTimestampMs()).isEqualTo(99);
        // the tracker continues: the next sample is a delta, not a first sample
        java.util.List<io.condenser.rules.aggregate.CounterDelta> deltas =
                new java.util.ArrayList<>();
        s.feed.accept(
                new SeriesFeed.Params(0, 300_000, true), 200, 15, (ts, v, d) -> deltas.add(d));
        assertThat(deltas).singleElement().satisfies(d -> assertThat(d.delta()).isEqualTo(5.0));
    }
}
