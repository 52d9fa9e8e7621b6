package io.condenser.jobs.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * Cancels a test's job and waits until it has ended. {@link JobClient#cancel()} completes when the
 * cancellation is acknowledged, while the tasks may still be writing a checkpoint into the test's
 * directory; deleting that directory then fails on files that appear under it (JUnit's "Failed to
 * close extension context").
 */
public final class JobEnd {

    private JobEnd() {}

    /** Cancels (unless it has ended already) and waits, bounded, for a terminal status. */
    public static void cancelAndAwait(JobClient job, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        if (!terminal(job)) {
            try {
                job.cancel().get(max.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // it ended meanwhile (finished or failed): nothing left to cancel
            }
        }
        while (!terminal(job)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job.getJobID() + " did not end within " + max);
            }
            Thread.sleep(100);
        }
    }

    private static boolean terminal(JobClient job) throws Exception {
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        return status.isGloballyTerminalState();
    }
}
