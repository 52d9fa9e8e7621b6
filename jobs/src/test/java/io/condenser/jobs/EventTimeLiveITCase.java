package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.testing.Fleet;
import io.condenser.jobs.testing.LiveJob;
import io.condenser.jobs.testing.LiveReference;
import io.condenser.model.Sample;
import io.condenser.rules.engine.EngineCounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event time under real timing, on the production direct source (parallelism 2, each agent on its
 * own TCP connection, stamping "now" or a replayed clock), each run compared with the reference
 * evaluator fed exactly what the agents wrote: agents that start long after the job, a pause of all
 * input with the buffered backlog after it, a pause past the idle timeout, a host whose clock is
 * ten minutes behind (and one ahead). Waits are bounded; nothing asserts on time.
 */
class EventTimeLiveITCase {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static final long INTERVAL = 2_000;
    static final long OUT_OF_ORDER = 1_000;

    static long deadline() {
        return System.currentTimeMillis() + 60_000;
    }

    /** Waits until the job has emitted the reference's outputs up to the cutoff, then compares. */
    static void assertMatchesReference(String what, LiveJob job, List<Sample> written, long cutoff)
            throws Exception {
        assertMatchesReference(
                what,
                job,
                List.of(new LiveReference.Rules(Fleet.RULES, Long.MIN_VALUE)),
                written,
                cutoff);
    }

    static void assertMatchesReference(
            String what,
            LiveJob job,
            List<LiveReference.Rules> rules,
            List<Sample> written,
            long cutoff)
            throws Exception {
        List<Sample> want = LiveReference.outputs(rules, written);
        int expected = LiveReference.upTo(want, cutoff).size();
        List<Sample> got =
                job.awaitOutputs(
                        out -> LiveReference.upTo(out, cutoff).size() >= expected,
                        Duration.ofSeconds(60));
        LiveReference.assertSame(what, got, want, cutoff);
    }

    static long cutoffAfter(Fleet fleet) {
        return LiveReference.lastClosedWindowEnd(
                fleet.slowestLastTimestampMs(), OUT_OF_ORDER, INTERVAL, 0);
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void agentsThatStartAMinuteAfterTheJobAreAggregatedInFull(@TempDir Path dir) throws Exception {
        try (LiveJob job = new LiveJob(dir, Fleet.RULES, 2, LiveJob.quickEventTime()).start();
                Fleet fleet = new Fleet(job.port(), 4)) {
            Thread.sleep(60_000); // the job hears nothing for a minute
            fleet.connectAll(deadline());
            fleet.sendLive(10_000, 250);
            long cutoff = cutoffAfter(fleet);
            assertMatchesReference("agents a minute late", job, fleet.written(), cutoff);
            assertThat(job.counter(REPORTER, EngineCounter.SAMPLES_LATE.metricName())).isZero();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aPauseOfAllInputHoldsEventTimeAndTheBacklogLandsInItsWindows(@TempDir Path dir)
            throws Exception {
        try (LiveJob job = new LiveJob(dir, Fleet.RULES, 2, LiveJob.quickEventTime()).start();
                Fleet fleet = new Fleet(job.port(), 4)) {
            fleet.connectAll(deadline());
            fleet.sendLive(8_000, 250);
            // 45 s without any input reaching the job: hosts 0-2 cannot connect and buffer (as
            // Telegraf does), host 3 stays connected and has nothing to say
            for (int i = 0; i < 3; i++) {
                fleet.host(i).agent().disconnect();
            }
            long pauseEnd = System.currentTimeMillis() + 45_000;
            while (System.currentTimeMillis() < pauseEnd) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < 3; i++) {
                    fleet.host(i).send(now);
                }
                Thread.sleep(250);
            }
            // back: each flushes its buffer, oldest first, then goes on live
            for (int i = 0; i < 3; i++) {
                fleet.host(i).agent().connect(deadline());
            }
            fleet.sendLive(6_000, 250);
            long cutoff = cutoffAfter(fleet);
            assertMatchesReference("a 45 s pause", job, fleet.written(), cutoff);
            assertThat(job.counter(REPORTER, EngineCounter.SAMPLES_LATE.metricName())).isZero();
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void pastTheIdleTimeoutTheLastWindowsComeOutOnceAndLaterBacklogIsLate(@TempDir Path dir)
            throws Exception {
        Duration idleTimeout = Duration.ofSeconds(6);
        try (LiveJob job =
                        new LiveJob(dir, Fleet.RULES, 2, LiveJob.quickEventTime(idleTimeout))
                                .start();
                Fleet fleet = new Fleet(job.port(), 4)) {
            fleet.connectAll(deadline());
            fleet.sendLive(8_000, 250);
            List<Sample> before = fleet.written();
            long lastBefore = fleet.slowestLastTimestampMs();
            for (Fleet.Host h : fleet.hosts()) {
                h.agent().disconnect();
            }
            // the stream stops: after the idle timeout, its last windows come out, complete
            long lastWindow = Math.floorDiv(lastBefore, INTERVAL) * INTERVAL + INTERVAL;
            List<Sample> want =
                    LiveReference.outputs(
                            List.of(new LiveReference.Rules(Fleet.RULES, Long.MIN_VALUE)), before);
            List<Sample> got =
                    job.awaitOutputs(
                            out -> out.stream().anyMatch(s -> s.timestampMs() == lastWindow),
                            Duration.ofSeconds(60));
            LiveReference.assertSame("the last windows at the timeout", got, want, lastWindow);
            assertThat(System.currentTimeMillis() - lastBefore)
                    .as("not before the idle timeout")
                    .isGreaterThanOrEqualTo(idleTimeout.toMillis());

            // later, the hosts come back: first what they buffered from the first seconds of the
            // silence (those windows have closed: late, counted), then live samples (on time)
            Thread.sleep(4_000);
            long bufferedAt = lastBefore + 500;
            for (Fleet.Host h : fleet.hosts()) {
                h.send(bufferedAt);
            }
            int late = fleet.hosts().size() * 2;
            fleet.connectAll(deadline());
            List<Sample> backlog = new ArrayList<>(fleet.written());
            backlog.removeAll(before);
            fleet.sendLive(6_000, 250);
            List<Sample> onTime = new ArrayList<>(fleet.written());
            onTime.removeAll(backlog);
            long cutoff = cutoffAfter(fleet);
            assertMatchesReference("on time after the timeout", job, onTime, cutoff);
            assertThat(job.counter(REPORTER, EngineCounter.SAMPLES_LATE.metricName()))
                    .isEqualTo(late);
        }
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void aHostTenMinutesBehindHoldsEventTimeAndNothingIsLost(@TempDir Path dir) throws Exception {
        // a replay of the last 40 minutes at 60 times real speed: host 0 runs 10 min behind the
        // others, host 1 10 min ahead (its clock is still behind the wall clock's)
        long start = System.currentTimeMillis();
        long base = Math.floorDiv(start - 40 * 60_000L, 60_000L) * 60_000L;
        String rules = Fleet.RULES.replace("interval: 2s", "interval: 1m");
        try (LiveJob job = new LiveJob(dir, rules, 2, LiveJob.quickEventTime()).start();
                Fleet fleet = new Fleet(job.port(), 4)) {
            fleet.host(0).offset(-10 * 60_000L);
            fleet.host(1).offset(10 * 60_000L);
            fleet.connectAll(deadline());
            long replayStart = System.currentTimeMillis();
            long replayEnd = replayStart + 20_000;
            while (System.currentTimeMillis() < replayEnd) {
                long replayed = base + (System.currentTimeMillis() - replayStart) * 60;
                fleet.send(replayed);
                Thread.sleep(100);
            }
            long cutoff =
                    LiveReference.lastClosedWindowEnd(
                            fleet.slowestLastTimestampMs(), OUT_OF_ORDER, 60_000, 0);
            assertMatchesReference(
                    "a host 10 min behind",
                    job,
                    List.of(new LiveReference.Rules(rules, Long.MIN_VALUE)),
                    fleet.written(),
                    cutoff);
            assertThat(job.counter(REPORTER, EngineCounter.SAMPLES_LATE.metricName())).isZero();
        }
    }
}
