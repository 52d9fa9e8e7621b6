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

    private static final java.util.regex.Pattern PART =
            java.util.regex.Pattern.compile("(\\d+)(ms|y|w|d|h|m|s)");

    private PrometheusDuration() {}

    /**
     * Parses Prometheus duration syntax ({@code 15s}, {@code 1m30s}, {@code 1h}, {@code 500ms}):
     * units largest first, each at most once.
     *
     * @throws IllegalArgumentException showing the bad text
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        java.util.regex.Matcher m = PART.matcher(text);
        long ms = 0;
        int pos = 0;
        int lastUnit = -1;
        while (pos < text.length() && m.find(pos) && m.start() == pos) {
            int unit = java.util.Arrays.asList(UNIT_NAMES).indexOf(m.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException(
                        "bad duration '" + text + "': units must go from largest to smallest");
            }
            lastUnit = unit;
            ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(m.group(1)), UNIT_MS[unit]));
            pos = m.end();
        }
        if (pos != text.length()) {
            throw new IllegalArgumentException(
                    "bad duration '" + text + "' (want e.g. 15s, 1m, 1h30m, 500ms)");
        }
        return Duration.ofMillis(ms);
    }

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
