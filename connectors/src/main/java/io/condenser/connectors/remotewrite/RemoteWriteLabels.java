package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.proto.Prompb;

/**
 * Label checks for incoming remote-write series, with the syntax Prometheus 2.x validates (legacy
 * names, not the UTF-8 names of Prometheus 3): metric names {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, label
 * names {@code [a-zA-Z_][a-zA-Z0-9_]*}. Invalid names are rejected, not sanitised: a sender
 * speaking remote-write promised valid ones, and silently renaming would merge distinct series.
 */
final class RemoteWriteLabels {

    static final String METRIC_NAME = "__name__";

    private RemoteWriteLabels() {}

    static boolean isValidMetricName(String s) {
        return isValid(s, true);
    }

    static boolean isValidLabelName(String s) {
        return isValid(s, false);
    }

    private static boolean isValid(String s, boolean allowColon) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || c == '_'
                            || (allowColon && c == ':')
                            || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A series as {@code {a="x",b="y"}} in the order the sender wrote, for rejection excerpts. */
    static String describe(Prompb.TimeSeries series) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < series.getLabelsCount() && sb.length() < 200; i++) {
            if (i > 0) {
                sb.append(',');
            }
            Prompb.Label l = series.getLabels(i);
            sb.append(l.getName()).append("=\"").append(l.getValue()).append('"');
        }
        return sb.append('}').toString();
    }
}
