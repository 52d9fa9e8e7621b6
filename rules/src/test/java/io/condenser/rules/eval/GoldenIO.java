package io.condenser.rules.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text form of golden cases: input lines {@code name{a="1"} value @seconds} (value {@code
 * stale} for a staleness marker) and {@code watermark seconds}; outputs in the same form.
 */
final class GoldenIO {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)\\s+@(\\d+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

    private GoldenIO() {}

    /** Runs the lines through the evaluator and returns its outputs in text form. */
    static List<String> run(RuleEvaluator evaluator, String input) {
        List<String> got = new ArrayList<>();
        for (String raw : input.strip().split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("watermark ")) {
                long wm = Long.parseLong(line.substring("watermark ".length())) * 1000;
                evaluator.advanceWatermark(wm).forEach(o -> got.add(format(o)));
                continue;
            }
            evaluator.add(parse(line));
        }
        return got;
    }

    static InputSample parse(String line) {
        Matcher m = SAMPLE.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad golden input line: " + line);
        }
        TreeMap<String, String> labels = new TreeMap<>();
        if (m.group(3) != null) {
            Matcher l = LABEL.matcher(m.group(3));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
        }
        long ts = Long.parseLong(m.group(5)) * 1000;
        if (m.group(4).equals("stale")) {
            return InputSample.staleMarker(m.group(1), labels, ts);
        }
        return InputSample.of(m.group(1), labels, ts, Double.parseDouble(m.group(4)));
    }

    static String format(OutputSample o) {
        String value = o.stale() ? "stale" : OutputSample.formatValue(o.value());
        String ts =
                o.timestampMs() % 1000 == 0
                        ? Long.toString(o.timestampMs() / 1000)
                        : o.timestampMs() + "ms";
        return o.series() + " " + value + " @" + ts;
    }

    /** State counts: series = input series with per-series state (counter and dedup rules only). */
    static String state(RuleEvaluator e) {
        EvaluatorStats s = e.stats();
        return "# series="
                + e.inputSeriesCount()
                + " groups="
                + e.outputGroupCount()
                + " pending="
                + e.pendingSampleCount()
                + " late="
                + s.late()
                + " outOfOrder="
                + s.outOfOrder()
                + " deduplicated="
                + s.deduplicated()
                + " groupsRejected="
                + s.groupsRejected();
    }
}
