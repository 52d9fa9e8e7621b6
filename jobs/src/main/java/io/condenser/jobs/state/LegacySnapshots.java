package io.condenser.jobs.state;

import io.condenser.connectors.model.SampleSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;

/**
 * What the serializer snapshots of releases 0.1 and 0.2 restore to. Those releases wrote simple
 * snapshots (no nested serializers) under class names that savepoints keep, so those classes stay
 * ({@code io.condenser.jobs.model.MatchedSample.Snapshot}, {@code ...model.SeriesPartial.Snapshot},
 * {@code ...state.SeriesState.Snapshot}, {@code ...state.GroupState.Snapshot}), each a shell that
 * names today's serializer reading their layouts. Their samples were written in Sample layout 1.
 */
final class LegacySnapshots {

    /** The Sample layout releases 0.1 and 0.2 wrote. */
    static final int SAMPLE_LAYOUT = SampleSerializer.VERSION_1;

    private LegacySnapshots() {}

    /** Compatibility of state behind a legacy snapshot with today's serializer. */
    static <T> TypeSerializerSchemaCompatibility<T> compatibility() {
        return SAMPLE_LAYOUT == SampleSerializer.CURRENT_VERSION
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }

    /** The serializer that reads what a legacy snapshot describes. */
    static MatchedSampleSerializer matchedSamples() {
        return new MatchedSampleSerializer(SampleSerializer.forLayout(SAMPLE_LAYOUT));
    }

    static SeriesStateSerializer seriesStates() {
        return new SeriesStateSerializer(SampleSerializer.forLayout(SAMPLE_LAYOUT));
    }
}
