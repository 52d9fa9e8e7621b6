package io.condenser.rules.preview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code --format table}: a {@link PreviewReport} for people. One row per rule, then what no rule
 * matches, then notes (samples the evaluator did not apply) and problems (what makes exit status
 * 1). Numbers are plain integers, so the output greps and diffs well.
 */
public final class PreviewTable {

    private static final String[] HEADER = {
        "RULE",
        "INPUT SERIES",
        "SAMPLES",
        "OUTPUT SERIES",
        "REDUCTION",
        "OUT/WINDOW",
        "STATE/SERIES",
        "MAX_OUTPUT_SERIES",
        "DROPPED LABELS (VALUES)"
    };

    private PreviewTable() {}

    public static String render(PreviewReport report) {
        StringBuilder sb = new StringBuilder();
        input(report.input(), sb);
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (RuleReport r : report.rules()) {
            rows.add(row(r, report.input().hasSamples()));
        }
        table(rows, sb);
        unmatched(report.unmatched(), sb);
        notes(report, sb);
        List<String> problems = new ArrayList<>();
        for (RuleReport r : report.rules()) {
            for (String p : r.problems()) {
                problems.add("  rule \"" + r.name() + "\" (" + r.source() + "): " + p);
            }
        }
        if (!problems.isEmpty()) {
            sb.append("\nproblems:\n");
            problems.forEach(p -> sb.append(p).append('\n'));
        }
        return sb.toString();
    }

    private static void input(PreviewReport.Input in, StringBuilder sb) {
        sb.append("input: ").append(String.join(", ", in.sources())).append('\n');
        sb.append("  ").append(in.series()).append(" series");
        if (in.hasSamples()) {
            sb.append(", ")
                    .append(in.samples())
                    .append(" samples from ")
                    .append(Instant.ofEpochMilli(in.firstTimestampMs()))
                    .append(" to ")
                    .append(Instant.ofEpochMilli(in.lastTimestampMs()));
        } else {
            sb.append(", no samples (series only: no sample or window figures)");
        }
        if (in.rejected() > 0) {
            sb.append(", ").append(in.rejected()).append(" rejected");
        }
        if (!in.skipped().isEmpty()) {
            sb.append(", skipped ")
                    .append(
                            in.skipped().entrySet().stream()
                                    .sorted(java.util.Map.Entry.comparingByKey())
                                    .map(e -> e.getValue() + " " + e.getKey())
                                    .collect(Collectors.joining(", ")));
        }
        sb.append('\n');
    }

    private static String[] row(RuleReport r, boolean hasSamples) {
        if (!r.enabled()) {
            return new String[] {r.name() + " (disabled)", "-", "-", "-", "-", "-", "-", "-", ""};
        }
        return new String[] {
            r.name(),
            Long.toString(r.inputSeries()),
            hasSamples ? Long.toString(r.samples()) : "-",
            Long.toString(r.outputSeries()),
            r.outputSeries() == 0 ? "-" : String.format(Locale.ROOT, "%.1fx", r.reduction()),
            hasSamples && r.inputSeries() > 0 ? perWindow(r) : "-",
            r.inputSeries() == 0 ? "-" : bytes(r.state()),
            limit(r.limit()),
            r.droppedLabels().stream()
                    .map(d -> d.label() + " (" + d.values() + ")")
                    .collect(Collectors.joining(", "))
        };
    }

    /** Per active series; under one byte (a few groups over many series) says so. */
    private static String bytes(RuleReport.StateEstimate s) {
        long b = s.bytesPerActiveSeries();
        return b == 0 && s.totalBytes() > 0 ? "<1 B" : b + " B";
    }

    private static String perWindow(RuleReport r) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (RuleReport.WindowCount w : r.windows()) {
            min = Math.min(min, w.outputSeries());
            max = Math.max(max, w.outputSeries());
        }
        if (r.windows().isEmpty()) {
            return "0";
        }
        return min == max ? Long.toString(max) : min + "-" + max;
    }

    private static String limit(RuleReport.Limit l) {
        if (l.maxOutputSeries() == 0) {
            return "-";
        }
        if (!l.exceeded()) {
            return l.maxOutputSeries() + " ok";
        }
        return l.maxOutputSeries() + " EXCEEDED";
    }

    private static void unmatched(PreviewReport.Unmatched u, StringBuilder sb) {
        sb.append("\nnot matched by any rule: ").append(u.series()).append(" series");
        sb.append(", ").append(u.samples()).append(" samples\n");
        if (u.topMetrics().isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"METRIC", "SERIES", "SAMPLES"});
        for (PreviewReport.MetricCount m : u.topMetrics()) {
            rows.add(
                    new String[] {m.name(), Long.toString(m.series()), Long.toString(m.samples())});
        }
        StringBuilder t = new StringBuilder();
        table(rows, t);
        t.toString().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    }

    private static void notes(PreviewReport report, StringBuilder sb) {
        List<String> notes = new ArrayList<>();
        for (RuleReport r : report.rules()) {
            RuleReport.DroppedSamples d = r.dropped();
            List<String> parts = new ArrayList<>();
            if (d.late() > 0) {
                parts.add(d.late() + " late (their window had closed; see --out-of-orderness)");
            }
            if (d.deduplicated() > 0) {
                parts.add(d.deduplicated() + " deduplicated");
            }
            if (d.nan() > 0) {
                parts.add(d.nan() + " NaN skipped");
            }
            if (d.counterOutOfOrder() > 0) {
                parts.add(d.counterOutOfOrder() + " out of order for counter outputs");
            }
            if (!parts.isEmpty()) {
                notes.add("  rule \"" + r.name() + "\": samples " + String.join(", ", parts));
            }
        }
        if (!notes.isEmpty()) {
            sb.append("\nnotes:\n");
            notes.forEach(n -> sb.append(n).append('\n'));
        }
    }

    /** Left-aligned columns two spaces apart, no trailing blanks. */
    private static void table(List<String[]> rows, StringBuilder sb) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                line.append(row[i]);
                if (i < cols - 1) {
                    line.append(" ".repeat(width[i] - row[i].length() + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
