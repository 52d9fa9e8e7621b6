package io.condenser.connectors.exposition;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.PrometheusNames;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The Prometheus text exposition format (version 0.0.4), as Prometheus' {@code /federate} and any
 * {@code /metrics} page serve it: {@code name{label="value",...} value [timestamp_ms]}, one sample
 * per line; {@code #} lines ({@code # TYPE}, {@code # HELP}) and blank lines are skipped. Label
 * values take the escapes {@code \\}, {@code \"} and {@code \n}; values are Go floats ({@code NaN},
 * {@code +Inf}, {@code -Inf} included); a line without a timestamp gets the clock's time. Names are
 * checked, not sanitised (Prometheus' own rules).
 *
 * <p>Not an ingestion format of the job (not in {@code InputFormat}): {@code condenser rules
 * preview --from-prometheus} reads {@code /federate} with it. Rejections: {@code bad_metric_name},
 * {@code bad_label}, {@code bad_value}, {@code bad_timestamp}, each naming the line.
 */
public final class ExpositionTextParser implements SampleParser {

    private final LongSupplier clockMs;
    private final Labels.Builder labels = Labels.builder();

    public ExpositionTextParser(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    @Override
    public void parse(byte[] input, int offset, int length, ParseListener listener) {
        String text = new String(input, offset, length, StandardCharsets.UTF_8);
        long lineNumber = 1;
        for (String line : text.split("\n", -1)) {
            parseLine(
                    line.endsWith("\r") ? line.substring(0, line.length() - 1) : line,
                    lineNumber++,
                    listener);
        }
    }

    private void parseLine(String line, long lineNumber, ParseListener listener) {
        String s = line.strip();
        if (s.isEmpty() || s.charAt(0) == '#') {
            return;
        }
        int p = 0;
        while (p < s.length() && s.charAt(p) != '{' && !Character.isWhitespace(s.charAt(p))) {
            p++;
        }
        String name = s.substring(0, p);
        if (!PrometheusNames.isValidMetricName(name)) {
            reject(
                    listener,
                    lineNumber,
                    "bad_metric_name",
                    "'" + name + "' is not a metric name",
                    line);
            return;
        }
        labels.clear();
        if (p < s.length() && s.charAt(p) == '{') {
            p = labels(s, p + 1, lineNumber, line, listener);
            if (p < 0) {
                return;
            }
        }
        String[] rest = s.substring(p).strip().split("[ \t]+");
        if (rest.length == 0 || rest[0].isEmpty() || rest.length > 2) {
            reject(
                    listener,
                    lineNumber,
                    "bad_value",
                    "expected a value and an optional timestamp",
                    line);
            return;
        }
        double value;
        try {
            value = parseValue(rest[0]);
        } catch (NumberFormatException e) {
            reject(listener, lineNumber, "bad_value", "'" + rest[0] + "' is not a number", line);
            return;
        }
        long ts;
        try {
            ts = rest.length == 2 ? Long.parseLong(rest[1]) : clockMs.getAsLong();
        } catch (NumberFormatException e) {
            reject(
                    listener,
                    lineNumber,
                    "bad_timestamp",
                    "'" + rest[1] + "' is not ms since the epoch",
                    line);
            return;
        }
        listener.onSample(Sample.of(name, labels.build(), ts, value));
    }

    /** Reads {@code name="value",...}} from {@code p}; returns the index after '}', or -1. */
    private int labels(String s, int p, long lineNumber, String line, ParseListener listener) {
        while (true) {
            p = skipBlanks(s, p);
            if (p < s.length() && s.charAt(p) == '}') {
                return p + 1;
            }
            int nameStart = p;
            while (p < s.length()
                    && s.charAt(p) != '='
                    && s.charAt(p) != '}'
                    && !Character.isWhitespace(s.charAt(p))) {
                p++;
            }
            String label = s.substring(nameStart, p);
            p = skipBlanks(s, p);
            if (!PrometheusNames.isValidLabelName(label)
                    || p >= s.length()
                    || s.charAt(p) != '='
                    || label.equals("__name__")) {
                reject(listener, lineNumber, "bad_label", "bad label name '" + label + "'", line);
                return -1;
            }
            p = skipBlanks(s, p + 1);
            if (p >= s.length() || s.charAt(p) != '"') {
                reject(
                        listener,
                        lineNumber,
                        "bad_label",
                        "label " + label + ": value must be quoted",
                        line);
                return -1;
            }
            StringBuilder v = new StringBuilder();
            p++;
            while (p < s.length() && s.charAt(p) != '"') {
                char c = s.charAt(p);
                if (c == '\\' && p + 1 < s.length()) {
                    char n = s.charAt(++p);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
                p++;
            }
            if (p >= s.length()) {
                reject(
                        listener,
                        lineNumber,
                        "bad_label",
                        "label " + label + ": unterminated value",
                        line);
                return -1;
            }
            labels.set(label, v.toString());
            p = skipBlanks(s, p + 1);
            if (p < s.length() && s.charAt(p) == ',') {
                p++;
            } else if (p >= s.length() || s.charAt(p) != '}') {
                reject(
                        listener,
                        lineNumber,
                        "bad_label",
                        "expected ',' or '}' after label " + label,
                        line);
                return -1;
            }
        }
    }

    /** Go's float syntax as Prometheus writes it: decimals, exponents, NaN, ±Inf. */
    static double parseValue(String v) {
        switch (v) {
            case "NaN":
                return Double.NaN;
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (!(Character.isDigit(c)
                            || c == '.'
                            || c == 'e'
                            || c == 'E'
                            || c == '+'
                            || c == '-')) {
                        throw new NumberFormatException(v);
                    }
                }
                return Double.parseDouble(v);
        }
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    private static void reject(
            ParseListener listener, long lineNumber, String reason, String detail, String line) {
        listener.onRejected(Rejection.of(lineNumber, reason, detail, line));
    }
}
