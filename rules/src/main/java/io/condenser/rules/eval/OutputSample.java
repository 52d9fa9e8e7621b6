package io.condenser.rules.eval;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One output sample of a rule: a plain record so the rules module needs no connector types.
 *
 * @param name the output metric name
 * @param labels the output labels sorted by name, {@code __name__} not included
 * @param timestampMs the end of the window it describes (epoch ms)
 * @param value the value; for a staleness marker Prometheus' stale NaN is the sink's business
 * @param stale a staleness marker: the output series ended (its group went stale)
 */
public record OutputSample(
        String name,
        List<Map.Entry<String, String>> labels,
        long timestampMs,
        double value,
        boolean stale) {

    public OutputSample {
        labels = List.copyOf(labels);
    }

    /** {@code name{a="1",b="2"}}: the series identity, as in the Prometheus text format. */
    public String series() {
        return format(name, labels);
    }

    /** {@code name{labels} value @ts}, or {@code name{labels} stale @ts}; golden tests use it. */
    @Override
    public String toString() {
        return series() + " " + (stale ? "stale" : formatValue(value)) + " @" + timestampMs;
    }

    /** Whole numbers without ".0", others in Java's shortest round-trip form. */
    public static String formatValue(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** {@code name{a="1"}} with label values escaped as in the Prometheus text format. */
    public static String format(String name, Collection<Map.Entry<String, String>> labels) {
        StringBuilder sb = new StringBuilder(name);
        if (!labels.isEmpty()) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(e.getKey()).append("=\"");
                escape(sb, e.getValue());
                sb.append('"');
            }
            sb.append('}');
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }
}
