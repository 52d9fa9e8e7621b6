package io.condenser.rules.parse;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration syntax ({@code 1h30m}, {@code 500ms}, {@code 1w}): units {@code y w d h m s
 * ms}, each at most once, largest first, no fractions, {@code 0} alone allowed. Hand-written
 * because no Java library implements Prometheus' {@code model.ParseDuration}; this follows its
 * grammar and its {@code String()} formatting, so a duration reads back the way users write it in
 * PromQL.
 */
public final class DurationParser {

    private static final Pattern DURATION =
            Pattern.compile(
                    "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?"
                            + "(?:([0-9]+)s)?(?:([0-9]+)ms)?$");

    /** Milliseconds per unit, in the order of the pattern's groups (a year is 365 days). */
    private static final long[] UNIT_MILLIS = {
        365L * 24 * 3600 * 1000,
        7L * 24 * 3600 * 1000,
        24L * 3600 * 1000,
        3600_000L,
        60_000L,
        1000L,
        1L
    };

    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private DurationParser() {}

    /**
     * @throws IllegalArgumentException with a message that shows the bad text
     */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "not a duration (use Prometheus syntax like 30s, 1m30s, 500ms): " + text);
        }
        long total = 0;
        boolean any = false;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            String digits = m.group(i + 1);
            if (digits == null) {
                continue;
            }
            any = true;
            try {
                total =
                        Math.addExact(
                                total, Math.multiplyExact(Long.parseLong(digits), UNIT_MILLIS[i]));
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("duration out of range: " + text);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("empty duration");
        }
        return Duration.ofMillis(total);
    }

    /**
     * Prometheus' canonical form: {@code 1m30s}, {@code 1h}, {@code 1w}, {@code 0s}.
     * Sub-millisecond parts are dropped (the syntax has no smaller unit).
     */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 0) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        if (ms == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = ms / UNIT_MILLIS[i];
            if (n > 0) {
                sb.append(n).append(UNIT_NAMES[i]);
                ms -= n * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }
}
