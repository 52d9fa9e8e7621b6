package io.condenser.jobs.cli;

import java.util.HashSet;
import java.util.Set;

/**
 * A failure as the one line a user reads: the message of the deepest cause (the layers above it,
 * "Job execution failed", "Recovery is suppressed", say where Flink noticed, not what went wrong),
 * on one line, with the exception's simple name when it has no message. When the chain holds one of
 * Condenser's own exceptions, the deepest of those wins: it names the problem in the user's terms
 * ("port 8086 on 127.0.0.1 (HTTP) is in use") where the JDK cause below it does not ("Address
 * already in use").
 */
final class FailureMessage {

    private static final String OWN_PACKAGE = "io.condenser.";

    private FailureMessage() {}

    static String of(Throwable failure) {
        Throwable deepest = failure;
        Throwable deepestOwn = null;
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            deepest = t;
            if (t.getClass().getName().startsWith(OWN_PACKAGE)) {
                deepestOwn = t;
            }
        }
        if (deepestOwn != null) {
            deepest = deepestOwn;
        }
        String message = deepest.getMessage();
        if (message == null || message.isBlank()) {
            return deepest.getClass().getSimpleName();
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
