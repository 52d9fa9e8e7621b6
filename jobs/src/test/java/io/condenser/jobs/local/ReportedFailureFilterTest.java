package io.condenser.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.URI;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

class ReportedFailureFilterTest {

    /** Stands for the direct source's ListenerBindException: Condenser's, non-recoverable. */
    @ThrowableAnnotation(ThrowableType.NonRecoverableError)
    static final class OwnConfigurationError extends RuntimeException {
        OwnConfigurationError(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Filter filter = ReportedFailureFilter.create();

    private Filter.Result filter(Throwable thrown) {
        return filter.filter(
                Log4jLogEvent.newBuilder()
                        .setLoggerName("org.apache.flink.runtime.taskmanager.Task")
                        .setLevel(Level.WARN)
                        .setMessage(
                                new SimpleMessage(
                                        "Source: direct-source (1/1)#0 switched from RUNNING to"
                                                + " FAILED with failure cause:"))
                        .setThrown(thrown)
                        .build());
    }

    @Test
    void aFailureThatEndsTheJobAndThatTheLauncherPrintsIsDropped() {
        Throwable portInUse =
                new OwnConfigurationError(
                        "port 8086 on 127.0.0.1 (HTTP) is in use",
                        new BindException("Address already in use"));
        assertThat(filter(portInUse)).isEqualTo(Filter.Result.DENY);
        assertThat(filter(new RuntimeException("wrapped", portInUse)))
                .isEqualTo(Filter.Result.DENY);
    }

    @Test
    void checkpointsAbortedBecauseTheJobStopsOrATaskFailedAreDropped() {
        assertThat(
                        filter(
                                new CheckpointException(
                                        CheckpointFailureReason.CHECKPOINT_COORDINATOR_SUSPEND)))
                .isEqualTo(Filter.Result.DENY);
        assertThat(
                        filter(
                                new CheckpointException(
                                        CheckpointFailureReason.CHECKPOINT_COORDINATOR_SHUTDOWN)))
                .isEqualTo(Filter.Result.DENY);
        assertThat(
                        filter(
                                new CheckpointException(
                                        CheckpointFailureReason.TASK_FAILURE,
                                        new IllegalStateException("the task's failure"))))
                .isEqualTo(Filter.Result.DENY);
    }

    @Test
    void everyOtherFailureKeepsItsStackTrace() {
        // a task that fails and restarts: the log says why
        assertThat(filter(new IllegalStateException("bug"))).isEqualTo(Filter.Result.NEUTRAL);
        // Flink's own non-recoverable errors: their message alone may not say what went wrong
        assertThat(filter(new SuppressRestartsException(new NullPointerException())))
                .isEqualTo(Filter.Result.NEUTRAL);
        // a checkpoint that failed on its own: storage, a declining task, a timeout
        assertThat(filter(new CheckpointException(CheckpointFailureReason.IO_EXCEPTION)))
                .isEqualTo(Filter.Result.NEUTRAL);
        assertThat(filter(new CheckpointException(CheckpointFailureReason.CHECKPOINT_EXPIRED)))
                .isEqualTo(Filter.Result.NEUTRAL);
        assertThat(filter(null)).isEqualTo(Filter.Result.NEUTRAL);
    }

    @Test
    void theLaunchersLogConfigurationFiltersItsConsole() throws Exception {
        URI config = getClass().getResource("/condenser-log4j2.properties").toURI();
        LoggerContext context = new LoggerContext("condenser-log4j2-test", null, config);
        try {
            context.start();
            ConsoleAppender stderr = context.getConfiguration().getAppender("stderr");
            assertThat(stderr.getTarget()).isEqualTo(ConsoleAppender.Target.SYSTEM_ERR);
            assertThat(stderr.getFilter()).isInstanceOf(ReportedFailureFilter.class);
        } finally {
            context.stop();
        }
    }
}
