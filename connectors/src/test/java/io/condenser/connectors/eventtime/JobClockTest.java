package io.condenser.connectors.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coordinator's view: start, the readers' minimum, the idle timeout. */
class JobClockTest {

    static final EventTimeConfig CONFIG =
            EventTimeConfig.builder()
                    .outOfOrderness(Duration.ofSeconds(2))
                    .idleness(Duration.ofSeconds(3))
                    .idleTimeout(Duration.ofSeconds(10))
                    .build();

    final JobClock clock = new JobClock(CONFIG, 0);

    @Test
    void startsTheStartupGraceAfterTheFirstSampleAnywhere() {
        assertThat(clock.at(1_000, Set.of(0, 1)).started()).isFalse();
        clock.report(0, new ReaderTimeReport(true, 50_000, 4_000), 4_000);
        assertThat(clock.at(5_000, Set.of(0, 1)).started()).isFalse();
        assertThat(clock.at(6_000, Set.of(0, 1)).started()).isTrue(); // grace = out-of-orderness
    }

    @Test
    void tellsTheMinimumOverTheActiveReaders() {
        clock.report(0, new ReaderTimeReport(true, 50_000, 4_000), 4_000);
        clock.report(1, new ReaderTimeReport(true, 40_000, 4_000), 4_000);
        clock.report(2, new ReaderTimeReport(false, Long.MIN_VALUE, 1_000), 4_000);
        assertThat(clock.at(5_000, Set.of(0, 1, 2)).activeWatermarkMs()).isEqualTo(40_000);
        // a reader that is gone does not count
        assertThat(clock.at(5_000, Set.of(0, 2)).activeWatermarkMs()).isEqualTo(50_000);
    }

    @Test
    void timesOutOnlyWhenNoReaderIsActiveForTheIdleTimeout() {
        clock.report(0, new ReaderTimeReport(false, Long.MIN_VALUE, 4_000), 4_000);
        assertThat(clock.at(13_999, Set.of(0)).timedOut()).isFalse();
        JobTimeEvent e = clock.at(14_000, Set.of(0));
        assertThat(e.timedOut()).isTrue();
        assertThat(e.started()).isTrue();
        clock.report(0, new ReaderTimeReport(true, 90_000, 15_000), 15_000);
        assertThat(clock.at(15_000, Set.of(0)).timedOut()).isFalse();
    }

    @Test
    void aJobThatNeverHearsAnythingTimesOutFromItsStart() {
        assertThat(clock.at(9_999, Set.of(0)).timedOut()).isFalse();
        assertThat(clock.at(10_000, Set.of(0)).timedOut()).isTrue();
    }

    @Test
    void withNoReaderActiveTellsTheLowestClosedFloor() {
        clock.report(0, new ReaderTimeReport(false, Long.MIN_VALUE, 4_000, 30_000), 4_000);
        clock.report(1, new ReaderTimeReport(false, Long.MIN_VALUE, 4_000, 35_000), 4_000);
        JobTimeEvent e = clock.at(6_000, Set.of(0, 1));
        assertThat(e.started()).isTrue();
        assertThat(e.activeWatermarkMs()).isEqualTo(30_000);
        // while any reader is active, its minimum rules, floors or not
        clock.report(1, new ReaderTimeReport(true, 20_000, 6_000, 35_000), 6_000);
        assertThat(clock.at(6_200, Set.of(0, 1)).activeWatermarkMs()).isEqualTo(20_000);
    }
}
