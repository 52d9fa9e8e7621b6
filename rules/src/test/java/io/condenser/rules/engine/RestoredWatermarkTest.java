package io.condenser.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoredWatermarkTest {

    static final long MIN = 60_000;
    static final long DELAY = 15_000;

    static RestoredWatermark restoredFrom(Long... entries) {
        RestoredWatermark w = new RestoredWatermark();
        w.restoreFrom(Arrays.asList(entries));
        return w;
    }

    @Test
    void aUnionRestoreTakesTheMinimumOfAllEntries() {
        RestoredWatermark w = restoredFrom(400_000L, 310_000L, 500_000L);
        assertThat(w.bound()).isEqualTo(310_000);
        // window [180 s, 240 s) + 15 s closes at 255 s <= 310 s: closed before the stop
        assertThat(w.isLate(200_000, MIN, DELAY)).isTrue();
        // window [240 s, 300 s) + 15 s closes at 315 s > 310 s: open somewhere, let through
        assertThat(w.isLate(250_000, MIN, DELAY)).isFalse();
        // closing exactly at the bound counts as closed (the keyed stages' rule: end + delay <= wm)
        assertThat(w.isLate(250_000, MIN, 10_000)).isTrue();
    }

    @Test
    void nothingRestoredMeansNothingLate() {
        RestoredWatermark empty = restoredFrom();
        assertThat(empty.bound()).isEqualTo(Long.MIN_VALUE);
        assertThat(empty.isLate(Long.MIN_VALUE / 2, MIN, 0)).isFalse();
        assertThat(empty.isLate(0, MIN, 0)).isFalse();
    }

    @Test
    void aSubtaskThatSawNoWatermarkDisablesTheBound() {
        RestoredWatermark w = restoredFrom(400_000L, Long.MIN_VALUE);
        assertThat(w.isLate(0, MIN, 0)).isFalse();
    }

    @Test
    void theBoundEndsOnceTheLiveWatermarkReachesIt() {
        RestoredWatermark w = restoredFrom(310_000L);
        w.observe(Long.MIN_VALUE);
        w.observe(200_000);
        assertThat(w.isLate(100_000, MIN, DELAY)).isTrue();
        w.observe(310_000);
        assertThat(w.bound()).isEqualTo(Long.MIN_VALUE);
        // from here on the keyed stages judge lateness by their own watermark
        assertThat(w.isLate(100_000, MIN, DELAY)).isFalse();
        w.observe(250_000); // watermarks never go back; an older one changes nothing
        assertThat(w.isLate(100_000, MIN, DELAY)).isFalse();
    }

    @Test
    void theSnapshotKeepsTheRestoredBoundUntilTheLiveWatermarkPassesIt() {
        RestoredWatermark w = restoredFrom(310_000L, 320_000L);
        assertThat(w.snapshotValue()).isEqualTo(310_000);
        w.observe(200_000);
        assertThat(w.snapshotValue()).isEqualTo(310_000);
        w.observe(330_000);
        assertThat(w.snapshotValue()).isEqualTo(330_000);
    }

    @Test
    void aFreshSubtaskSnapshotsTheHighestWatermarkItSaw() {
        RestoredWatermark w = new RestoredWatermark();
        assertThat(w.snapshotValue()).isEqualTo(Long.MIN_VALUE);
        for (long wm : List.of(10_000L, 70_000L, 50_000L)) {
            w.observe(wm);
        }
        assertThat(w.snapshotValue()).isEqualTo(70_000);
        assertThat(w.isLate(0, MIN, 0)).isFalse(); // never a bound without a restore
    }
}
