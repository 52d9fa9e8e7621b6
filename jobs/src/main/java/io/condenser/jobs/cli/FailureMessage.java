package io.condenser.jobs.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * A failure as the one line a user reads: the message of the deepest cause (the layers above it,
 * "Job execution failed", "Recovery is suppressed", say where Flink noticed, not what went wrong),
 * on one line, with the exception's simple name when it has no message.
 */
final class FailureMessage {

    private FailureMessage() {}

    static String of(Throwable failure) {
        Throwable deepest = failure;
        Set<Throwable> seen = new HashSet<>();
        while (deepest.getCause() != null && seen.add(deepest)) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage();
        if (message == null || message.isBlank()) {
            return deepest.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
