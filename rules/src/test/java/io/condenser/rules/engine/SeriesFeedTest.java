package io.condenser.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.aggregate.CounterDelta;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesFeedTest {

    static final SeriesFeed.Params GAUGE = new SeriesFeed.Params(0, 300_000, false);
    static final SeriesFeed.Params COUNTER = new SeriesFeed.Params(0, 300_000, true);
    static final SeriesFeed.Params DEDUP_30S = new SeriesFeed.Params(30_000, 300_000, false);

    record Applied(long ts, double value, CounterDelta delta) {}

    final List<Applied> applied = new ArrayList<>();
    final SeriesFeed.Sink sink = (ts, v, d) -> applied.add(new Applied(ts, v, d));

    @Test
    void withoutDedupEverySampleIsAppliedOnArrival() {
        SeriesFeed f = new SeriesFeed();
        assertThat(f.accept(GAUGE, 10, 1, sink)).isEqualTo(SeriesFeed.Outcome.APPLIED);
        assertThat(f.accept(GAUGE, 5, 2, sink)).isEqualTo(SeriesFeed.Outcome.APPLIED);
        assertThat(f.accept(GAUGE, 10, 3, sink)).isEqualTo(SeriesFeed.Outcome.APPLIED);
        assertThat(applied).extracting(Applied::value).containsExactly(1.0, 2.0, 3.0);
        assertThat(f.holdsSample()).isFalse();
        assertThat(f.lastTimestampMs()).isEqualTo(10);
    }

    @Test
    void countersGetDeltasAndSkipOlderSamples() {
        SeriesFeed f = new SeriesFeed();
        f.accept(COUNTER, 0, 10, sink);
        f.accept(COUNTER, 10_000, 15, sink);
        assertThat(f.accept(COUNTER, 5_000, 12, sink))
                .isEqualTo(SeriesFeed.Outcome.COUNTER_OUT_OF_ORDER);
        f.accept(COUNTER, 20_000, 3, sink); // reset
        assertThat(applied)
                .extracting(a -> a.delta() == null ? null : a.delta().delta())
                .containsExactly(10.0, 5.0, null, 3.0);
        assertThat(applied.get(0).delta().firstSample()).isTrue();
        assertThat(applied.get(3).delta().reset()).isTrue();
    }

    @Test
    void aSeriesSilentPastStalenessStartsAnew() {
        SeriesFeed f = new SeriesFeed();
        f.accept(COUNTER, 0, 10, sink);
        f.accept(COUNTER, 400_000, 12, sink);
        assertThat(applied.get(1).delta().firstSample()).isTrue();
    }

    @Test
    void aStalenessMarkerEndsTheSeries() {
        SeriesFeed f = new SeriesFeed();
        f.accept(COUNTER, 0, 10, sink);
        f.end(COUNTER, sink);
        f.accept(COUNTER, 10_000, 12, sink);
        assertThat(applied.get(1).delta().firstSample()).isTrue();
    }

    @Test
    void dedupKeepsTheNewestSampleOfEachSlot() {
        SeriesFeed f = new SeriesFeed();
        assertThat(f.accept(DEDUP_30S, 20_000, 2, sink)).isEqualTo(SeriesFeed.Outcome.HELD);
        assertThat(f.accept(DEDUP_30S, 0, 1, sink)).isEqualTo(SeriesFeed.Outcome.DEDUPLICATED);
        assertThat(f.accept(DEDUP_30S, 29_000, 5, sink)).isEqualTo(SeriesFeed.Outcome.DEDUPLICATED);
        assertThat(applied).isEmpty();
        assertThat(f.accept(DEDUP_30S, 30_000, 3, sink)).isEqualTo(SeriesFeed.Outcome.HELD);
        assertThat(applied).extracting(Applied::value).containsExactly(5.0); // 29 s replaced 20 s
        // a sample for a slot already applied is dropped
        assertThat(f.accept(DEDUP_30S, 10_000, 9, sink)).isEqualTo(SeriesFeed.Outcome.DEDUPLICATED);
        f.flush(DEDUP_30S, 60_000, 60_000, sink);
        assertThat(applied).extracting(Applied::value).containsExactly(5.0, 3.0);
        assertThat(f.holdsSample()).isFalse();
    }

    @Test
    void aHeldSampleWaitsForItsOwnWindowClose() {
        SeriesFeed f = new SeriesFeed();
        f.accept(DEDUP_30S, 70_000, 1, sink);
        f.flush(DEDUP_30S, 60_000, 60_000, sink);
        assertThat(f.holdsSample()).isTrue();
        f.flush(DEDUP_30S, 120_000, 60_000, sink);
        assertThat(applied).extracting(Applied::ts).containsExactly(70_000L);
    }

    @Test
    void stateRoundTripsWithAHeldSample() throws IOException {
        SeriesFeed f = new SeriesFeed();
        f.accept(new SeriesFeed.Params(30_000, 300_000, true), 0, 10, sink);
        f.accept(new SeriesFeed.Params(30_000, 300_000, true), 40_000, 12, sink);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        f.write(new DataOutputStream(bytes));
        SeriesFeed back =
                SeriesFeed.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(back.holdsSample()).isTrue();
        assertThat(back.heldTimestampMs()).isEqualTo(40_000);
        assertThat(back.lastTimestampMs()).isEqualTo(40_000);
        back.flush(new SeriesFeed.Params(30_000, 300_000, true), 60_000, 60_000, sink);
        // the tracker came along: 12 - 10
        assertThat(applied.get(applied.size() - 1).delta().delta()).isEqualTo(2.0);
    }
}
