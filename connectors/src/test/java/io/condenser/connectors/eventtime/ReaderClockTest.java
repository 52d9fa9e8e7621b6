package io.condenser.connectors.eventtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How one reader's event time moves over its channels, tick by tick of a made-up wall clock. */
class ReaderClockTest {

    static final EventTimeConfig CONFIG =
            EventTimeConfig.builder()
                    .outOfOrderness(Duration.ofSeconds(1))
                    .idleness(Duration.ofSeconds(3))
                    .idleTimeout(Duration.ofSeconds(10))
                    .build();

    static final JobTimeEvent STARTED = new JobTimeEvent(true, Long.MIN_VALUE, false);

    final ReaderClock clock = new ReaderClock(CONFIG);

    @Test
    void nothingMovesBeforeTheCoordinatorSaysTheStartupGraceHasPassed() {
        clock.channel("a").observe(100_000);
        assertThat(clock.tick(200_000)).isEqualTo(Long.MIN_VALUE);
        assertThat(clock.report().active()).isTrue();
        assertThat(clock.report().watermarkMs()).isEqualTo(100_000 - 1_000 - 1);
        clock.onJobTime(STARTED);
        assertThat(clock.tick(200_200)).isEqualTo(100_000 - 1_000 - 1);
    }

    @Test
    void theWatermarkIsTheMinimumOverTheChannelsThatFlow() {
        clock.onJobTime(STARTED);
        clock.channel("fast").observe(150_000);
        clock.channel("slow").observe(120_000);
        assertThat(clock.tick(200_000)).isEqualTo(120_000 - 1_001);
        // the slow one goes quiet: after the idleness it stops holding
        clock.channel("fast").observe(151_000);
        assertThat(clock.tick(201_000)).isEqualTo(Long.MIN_VALUE);
        clock.channel("fast").observe(152_000);
        assertThat(clock.tick(203_000)).isEqualTo(152_000 - 1_001);
    }

    @Test
    void aClockAheadOfTheWallClockCannotMoveEventTimePastIt() {
        clock.onJobTime(STARTED);
        clock.channel("ahead").observe(800_000);
        assertThat(clock.tick(200_000)).isEqualTo(200_000 - 1_001);
    }

    @Test
    void aChannelBackFromSilenceHoldsOnlyOnceItHasCaughtUp() {
        clock.onJobTime(STARTED);
        clock.channel("a").observe(100_000);
        clock.channel("b").observe(100_000);
        assertThat(clock.tick(100_500)).isEqualTo(98_999);
        for (long t = 101_000; t <= 110_000; t += 1_000) {
            clock.channel("a").observe(t);
            clock.tick(t);
        }
        long wm = clock.lastEmitted();
        // b comes back with a backlog behind the emitted watermark: it does not hold it back
        clock.channel("b").observe(101_000);
        clock.channel("a").observe(111_000);
        assertThat(clock.tick(111_000)).isEqualTo(111_000 - 1_001);
        assertThat(wm).isLessThan(111_000 - 1_001);
    }

    @Test
    void withoutInputOfItsOwnAReaderFollowsTheActiveReaders() {
        clock.onJobTime(new JobTimeEvent(true, 500_000, false));
        assertThat(clock.tick(600_000)).isEqualTo(500_000);
        assertThat(clock.report().active()).isFalse();
    }

    @Test
    void aPauseOfAllInputHoldsEventTime() {
        clock.onJobTime(STARTED);
        clock.channel("a").observe(100_000);
        assertThat(clock.tick(100_000)).isEqualTo(98_999);
        // nobody active anywhere, no timeout: no watermark, however long
        for (long t = 101_000; t < 200_000; t += 1_000) {
            assertThat(clock.tick(t)).isEqualTo(Long.MIN_VALUE);
        }
        assertThat(clock.lastEmitted()).isEqualTo(98_999);
    }

    @Test
    void afterTheIdleTimeoutEventTimeFollowsTheWallClock() {
        clock.onJobTime(new JobTimeEvent(true, Long.MIN_VALUE, true));
        assertThat(clock.tick(300_000)).isEqualTo(299_000);
        assertThat(clock.tick(300_200)).isEqualTo(299_200);
    }

    @Test
    void aReleasedChannelCountsAtTheNextTickThenGoes() {
        clock.onJobTime(STARTED);
        clock.channel("conn").observe(100_000);
        clock.release("conn");
        assertThat(clock.tick(100_100)).isEqualTo(98_999);
        assertThat(clock.channels()).isZero();
    }

    @Test
    void aClosedChannelLeavesItsWatermarkAsTheClosedFloorEvenBeforeTheStart() {
        clock.channel("burst").observe(100_000);
        clock.channel("burst").observe(104_000);
        clock.release("burst");
        assertThat(clock.tick(104_100)).isEqualTo(Long.MIN_VALUE); // not started yet
        assertThat(clock.tick(104_300)).isEqualTo(Long.MIN_VALUE);
        assertThat(clock.report().active()).isFalse();
        assertThat(clock.report().closedFloorMs()).isEqualTo(104_000 - 1_001);
        // the coordinator passes it back once started: the reader goes that far
        clock.onJobTime(new JobTimeEvent(true, 104_000 - 1_001, false));
        assertThat(clock.tick(104_500)).isEqualTo(104_000 - 1_001);
    }

    @Test
    void aQuietChannelThatIsLetGoIsNoClosedFloor() {
        clock.onJobTime(STARTED);
        clock.channel("a").observe(100_000);
        clock.tick(100_000);
        clock.tick(104_000); // quiet past the idleness: let go, not closed
        assertThat(clock.channels()).isZero();
        assertThat(clock.report().closedFloorMs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void agentsThatDropTogetherLeaveTheLowestFloorAndLiveTrafficClearsIt() {
        clock.onJobTime(STARTED);
        clock.channel("ahead").observe(100_000);
        clock.channel("behind").observe(90_000);
        clock.tick(100_000);
        clock.release("ahead");
        clock.release("behind");
        clock.tick(100_200);
        clock.tick(100_400);
        assertThat(clock.report().closedFloorMs()).isEqualTo(90_000 - 1_001);
        // a closed channel while live traffic flows is held for by that traffic: no floor
        clock.channel("live").observe(101_000);
        clock.tick(101_000);
        assertThat(clock.report().closedFloorMs()).isEqualTo(Long.MIN_VALUE);
    }
}
