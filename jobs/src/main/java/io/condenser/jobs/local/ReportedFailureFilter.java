package io.condenser.jobs.local;

import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.CheckpointException;
import org.apache.flink.runtime.checkpoint.CheckpointFailureReason;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.ExceptionUtils;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.core.filter.AbstractFilter.AbstractFilterBuilder;

/**
 * A Log4j filter for {@code ./condenser run}'s log ({@code condenser-log4j2.properties}): drops the
 * events about a failure the command reports itself, so that a configuration error is the one line
 * {@code condenser run: job failed: port 8086 on 127.0.0.1 (HTTP) is in use}, not that line after
 * Flink's stack traces of the same failure.
 *
 * <ul>
 *   <li>An event whose exception chain holds one of Condenser's own exceptions that Flink
 *       classifies as {@link ThrowableType#NonRecoverableError} (the direct source's {@code
 *       ListenerBindException}): Flink fails the job for good on it, and {@code condenser run}
 *       prints its message as its last line. Flink's own non-recoverable errors keep their stack
 *       trace: their message alone may not say what went wrong.
 *   <li>A pending checkpoint aborted because the checkpoint coordinator stopped (the job stops or
 *       restarts): it says nothing but that, and the cause of the stop is logged or reported on its
 *       own.
 * </ul>
 *
 * Every other event passes: a task that fails and restarts is logged with its stack trace, which is
 * what the status line's "restarts (the log says why)" points to.
 */
@Plugin(
        name = ReportedFailureFilter.PLUGIN_NAME,
        category = Node.CATEGORY,
        elementType = Filter.ELEMENT_TYPE)
public final class ReportedFailureFilter extends AbstractFilter {

    /** The {@code type} of the filter in a Log4j configuration. */
    public static final String PLUGIN_NAME = "CondenserReportedFailure";

    private static final String OWN_PACKAGE = "io.condenser.";

    /** Why a pending checkpoint is aborted when the job stops, restarts or loses a task. */
    private static final Set<CheckpointFailureReason> ABORTED_BY_A_STOP =
            EnumSet.of(
                    CheckpointFailureReason.CHECKPOINT_COORDINATOR_SUSPEND,
                    CheckpointFailureReason.CHECKPOINT_COORDINATOR_SHUTDOWN,
                    CheckpointFailureReason.JOB_FAILOVER_REGION,
                    CheckpointFailureReason.TASK_FAILURE);

    private ReportedFailureFilter(Result onMatch, Result onMismatch) {
        super(onMatch, onMismatch);
    }

    /** Drops what is reported elsewhere, lets the rest through. */
    public static ReportedFailureFilter create() {
        return create(null, null);
    }

    /**
     * @param onMatch for an event reported elsewhere; default {@code DENY}
     * @param onMismatch for any other event; default {@code NEUTRAL}
     */
    @PluginFactory
    public static ReportedFailureFilter create(
            @PluginAttribute(AbstractFilterBuilder.ATTR_ON_MATCH) Result onMatch,
            @PluginAttribute(AbstractFilterBuilder.ATTR_ON_MISMATCH) Result onMismatch) {
        return new ReportedFailureFilter(
                onMatch == null ? Result.DENY : onMatch,
                onMismatch == null ? Result.NEUTRAL : onMismatch);
    }

    @Override
    public Result filter(LogEvent event) {
        return isReportedElsewhere(event.getThrown()) ? onMatch : onMismatch;
    }

    /** Whether a log event carrying {@code thrown} only repeats what is reported elsewhere. */
    static boolean isReportedElsewhere(Throwable thrown) {
        if (thrown == null) {
            return false;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (t.getClass().getName().startsWith(OWN_PACKAGE)
                    && ThrowableClassifier.getThrowableType(t)
                            == ThrowableType.NonRecoverableError) {
                return true;
            }
        }
        return ExceptionUtils.findThrowable(thrown, CheckpointException.class)
                .filter(e -> ABORTED_BY_A_STOP.contains(e.getCheckpointFailureReason()))
                .isPresent();
    }
}
