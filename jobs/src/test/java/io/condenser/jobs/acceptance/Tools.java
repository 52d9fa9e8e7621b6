package io.condenser.jobs.acceptance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The programs a case drives. A developer without one skips the case; in CI ({@code CI=true}, where
 * {@code .ci/run} installs them all) a missing one fails it, so the suite cannot pass by running
 * nothing.
 */
public final class Tools {

    private Tools() {}

    public static void require(boolean present, String what) {
        if ("true".equals(System.getenv("CI"))) {
            if (!present) {
                throw new AssertionError(what + " is missing; .ci/run should have installed it");
            }
        } else {
            assumeTrue(present, what);
        }
    }
}
