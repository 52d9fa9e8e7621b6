package io.condenser.model;

/**
 * Writes samples as Prometheus text exposition lines: {@code name{labels} value timestamp_ms},
 * labels sorted. Used by {@code condenser parse}, the local runner's printing sink and golden
 * tests, so one spelling of a sample serves all three.
 */
public final class ExpositionFormat {

    private ExpositionFormat() {}

    public static String format(Sample s) {
        StringBuilder sb = new StringBuilder(64);
        appendTo(s, sb);
        return sb.toString();
    }

    public static void appendTo(Sample s, StringBuilder sb) {
        sb.append(s.name());
        if (!s.labels().isEmpty()) {
            s.labels().appendTo(sb);
        }
        sb.append(' ');
        if (s.isStale()) {
            // Not a number Prometheus' text parser would read back as a marker: a human reading
            // `condenser parse` output needs to see that the series ended, not a plain NaN.
            sb.append("StaleNaN");
        } else {
            sb.append(formatValue(s.value()));
        }
        sb.append(' ').append(s.timestampMs());
    }

    /**
     * Values as Prometheus writes them: {@code NaN}, {@code +Inf}, {@code -Inf}; integral values
     * without a fraction; anything else in Java's shortest round-trip form.
     */
    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            if (v == 0 && Double.doubleToRawLongBits(v) != 0) {
                return "-0";
            }
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
