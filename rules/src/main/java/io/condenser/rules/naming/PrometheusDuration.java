package io.condenser.rules.naming;

import java.time.Duration;

/**
 * Formats a duration the way Prometheus prints one ({@code model.Duration.String()}): the largest
 * units first, zero units left out: {@code 30s}, {@code 1m}, {@code 1m30s}, {@code 1h}, {@code 1d},
 * {@code 1w}, {@code 1y}, {@code 500ms}. Output names contain it, so {@code interval: 60s} and
 * {@code interval: 1m} name the same series (vmagent copies the text the user wrote instead; for
 * the usual values the two agree).
 */
public final class PrometheusDuration {

    private static final long[] UNIT_MS = {
        365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000, 3600_000, 60_000, 1000, 1
    };
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private PrometheusDuration() {}

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms < 0) {
            sb.append('-');
            ms = -ms;
        }
        for (int i = 0; i < UNIT_MS.length; i++) {
            long n = ms / UNIT_MS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                ms -= n * UNIT_MS[i];
            }
        }
        return sb.toString();
    }
}
