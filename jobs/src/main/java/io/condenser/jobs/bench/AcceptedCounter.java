package io.condenser.jobs.bench;

/**
 * A running total over a counter that restarts from zero (a source's record count after its
 * TaskManager was replaced): a drop means a new attempt, whose count adds to what came before.
 */
final class AcceptedCounter {

    private long completedAttempts;
    private long current;

    /** Takes a new reading of the live counter (-1: unknown, ignored); returns the total. */
    long update(long reading) {
        if (reading >= 0) {
            if (reading < current) {
                completedAttempts += current;
            }
            current = reading;
        }
        return total();
    }

    long total() {
        return completedAttempts + current;
    }
}
