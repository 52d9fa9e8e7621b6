package io.condenser.jobs.bench;

import io.condenser.jobs.bench.process.FlinkCluster;
import io.condenser.jobs.bench.verify.ReceivedOutputs;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --kill-taskmanager N}: {@code kill -9} of the cluster's TaskManager at N moments spread
 * over the measurement, each followed by a restart with the cluster script (in the background, so
 * measuring goes on). The next kill waits until outputs flowed again after the previous one.
 * Records per kill when it happened, the last completed checkpoint before it, and what had been
 * accepted since (the data a TCP source can lose: its documented bound).
 */
final class TaskManagerKiller {

    /** An output accepted this soon after a kill may still come from the dead TaskManager. */
    static final long RECOVERY_GUARD_MS = 1_000;

    private final FlinkCluster cluster;
    private final ReceivedOutputs received;
    private final long[] scheduleMs;
    private final List<long[]> kills = new ArrayList<>(); // {atMs, lastCheckpointTriggerMs}
    private volatile Thread restart;
    private volatile Exception restartFailure;

    /** Kills at {@code from + k × length / (n + 1)}, k = 1..n. */
    TaskManagerKiller(
            FlinkCluster cluster, ReceivedOutputs received, int n, long fromMs, long lengthMs) {
        this.cluster = cluster;
        this.received = received;
        this.scheduleMs = new long[n];
        for (int k = 1; k <= n; k++) {
            scheduleMs[k - 1] = fromMs + lengthMs * k / (n + 1);
        }
    }

    int planned() {
        return scheduleMs.length;
    }

    int done() {
        return kills.size();
    }

    /** A restart still under way (the drain must not end before it). */
    boolean restarting() {
        Thread t = restart;
        return t != null && t.isAlive();
    }

    /**
     * Kills if the next kill is due and the previous one has recovered.
     *
     * @param lastCheckpointTriggerMs trigger time of the latest completed checkpoint, -1 if none
     * @return whether it killed
     */
    boolean maybeKill(long nowMs, long lastCheckpointTriggerMs) throws Exception {
        if (restartFailure != null) {
            throw new IllegalStateException("TaskManager restart failed", restartFailure);
        }
        if (kills.size() == scheduleMs.length || nowMs < scheduleMs[kills.size()] || restarting()) {
            return false;
        }
        if (!kills.isEmpty() && recoveredAt(kills.get(kills.size() - 1)[0]) < 0) {
            return false;
        }
        long pid = cluster.killTaskManager();
        long at = System.currentTimeMillis();
        kills.add(new long[] {at, lastCheckpointTriggerMs});
        System.err.printf("condenser bench: kill -9 TaskManager (pid %d), restarting it%n", pid);
        Thread t =
                new Thread(
                        () -> {
                            try {
                                cluster.restartTaskManager();
                            } catch (Exception e) {
                                restartFailure = e;
                            }
                        },
                        "bench-taskmanager-restart");
        t.setDaemon(true);
        restart = t;
        t.start();
        return true;
    }

    /** Whether outputs flowed again after every kill so far. */
    boolean allRecovered() {
        return kills.stream().allMatch(k -> recoveredAt(k[0]) >= 0);
    }

    /** Waits (bounded) for a restart under way. */
    void awaitRestart() throws InterruptedException {
        Thread t = restart;
        if (t != null) {
            t.join(300_000);
        }
    }

    private long recoveredAt(long killMs) {
        return received.firstAcceptedAtOrAfter(killMs + RECOVERY_GUARD_MS);
    }

    /** Per kill: time, recovery (kill → first output accepted after it), samples at risk. */
    List<BenchResult.Kill> results(Timeline timeline) {
        List<BenchResult.Kill> out = new ArrayList<>();
        for (long[] k : kills) {
            long recovered = recoveredAt(k[0]);
            long atRisk =
                    k[1] < 0
                            ? timeline.acceptedAt(k[0])
                            : timeline.acceptedAt(k[0]) - timeline.acceptedAt(k[1]);
            out.add(
                    new BenchResult.Kill(
                            k[0], recovered < 0 ? -1 : (recovered - k[0]) / 1000.0, atRisk));
        }
        return out;
    }
}
