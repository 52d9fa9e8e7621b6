package io.condenser.rules.parse;

import io.condenser.rules.model.Grouping;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.SeriesSelector;
import io.condenser.rules.parse.FieldReader.At;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every check on a rule, in one place: turns one {@code rules:} entry into a {@link Rule} or
 * reports every problem it has (it never stops at the first). The {@code outputs} and {@code
 * buckets} checks are in {@link OutputsValidator}. Messages name the field and show the bad value:
 * {@code interval must be >= 1s, got 500ms}.
 */
public final class RuleValidator {

    /** Every key a rule may have, in the order docs/rules.md lists them. */
    public static final List<String> KEYS =
            List.of(
                    "name",
                    "enabled",
                    "match",
                    "interval",
                    "delay",
                    "staleness_interval",
                    "dedup_interval",
                    "by",
                    "without",
                    "drop_input_labels",
                    "outputs",
                    "buckets",
                    "keep_metric_names",
                    "output_name",
                    "max_output_series");

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_DELAY = Duration.ZERO;
    public static final int DEFAULT_STALENESS_INTERVALS = 2;

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*");

    private RuleValidator() {}

    /**
     * @param index 1-based position in the file, names the rule while its name is unknown
     * @return the rule, or null when any problem was reported
     */
    static Rule validate(YamlNode.MapNode map, int index, Problems fileProblems) {
        Problems p = fileProblems.forRule("#" + index);
        int before = p.count();
        FieldReader f = new FieldReader(map, p);

        At<String> name = f.string("name");
        if (name != null && RULE_NAME.matcher(name.value()).matches()) {
            p = fileProblems.forRule('"' + name.value() + '"');
            f = new FieldReader(map, p);
        } else if (name != null) {
            p.add(
                    name.line(),
                    "name must match " + RULE_NAME.pattern() + ", got \"" + name.value() + "\"");
        } else if (!f.has("name")) {
            p.add(map.line(), "name is required");
        }
        for (YamlNode.Entry e : map.duplicates()) {
            int first = map.entries().get(e.key()).keyLine();
            p.add(e.keyLine(), "duplicate key \"" + e.key() + "\" (first at line " + first + ")");
        }
        for (YamlNode.Entry e : map.entries().values()) {
            if (e.key().equals("<<")) {
                p.add(e.keyLine(), "YAML merge keys (<<) are not supported: write the keys out");
            } else if (!KEYS.contains(e.key())) {
                p.add(
                        e.keyLine(),
                        "unknown key \"" + e.key() + "\"" + Suggestions.didYouMean(e.key(), KEYS));
            }
        }

        At<Boolean> enabled = f.bool("enabled");
        List<SeriesSelector> match = match(f, p);
        Durations d = durations(f, p);
        Grouping grouping = grouping(f, p);
        List<String> drop = labelNames(f, p, "drop_input_labels");
        if (grouping != null && drop != null && grouping.mode() == Grouping.Mode.BY) {
            for (String label : grouping.labels()) {
                if (drop.contains(label)) {
                    p.add(
                            f.line("by"),
                            "by keeps \"" + label + "\", which drop_input_labels drops");
                }
            }
        }
        List<OutputSpec> outputs = OutputsValidator.outputs(f, p);
        At<Boolean> keep = f.bool("keep_metric_names");
        At<String> outputName = f.string("output_name");
        if (keep != null && keep.value()) {
            if (outputs != null && outputs.size() != 1) {
                p.add(
                        keep.line(),
                        "keep_metric_names needs exactly one output, got " + outputs.size());
            }
            if (outputName != null) {
                p.add(keep.line(), "keep_metric_names and output_name cannot both be set");
            }
        }
        if (outputName != null && !SeriesSelectorParser.isValidMetricName(outputName.value())) {
            p.add(
                    outputName.line(),
                    "output_name must be a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), got \""
                            + outputName.value()
                            + "\"");
        }
        At<Long> max = f.integer("max_output_series");
        if (max != null && (max.value() < 0 || max.value() > Integer.MAX_VALUE)) {
            p.add(
                    max.line(),
                    "max_output_series must be between 0 (unlimited) and "
                            + Integer.MAX_VALUE
                            + ", got "
                            + max.value());
        }

        if (p.count() > before) {
            return null;
        }
        return new Rule(
                name.value(),
                enabled == null || enabled.value(),
                match,
                d.interval,
                d.delay,
                d.staleness,
                d.dedup,
                grouping,
                drop,
                outputs,
                keep != null && keep.value(),
                outputName == null ? null : outputName.value(),
                max == null ? 0 : max.value().intValue(),
                new Rule.SourcePosition(fileProblems.file(), map.line()));
    }

    /**
     * Rule names are unique within everything loaded together (one file, or every file of a
     * directory): reports each later duplicate, pointing at the first.
     */
    public static List<RuleProblem> checkUniqueNames(List<Rule> rules) {
        Map<String, Rule> first = new HashMap<>();
        List<RuleProblem> out = new ArrayList<>();
        for (Rule r : rules) {
            Rule previous = first.putIfAbsent(r.name(), r);
            if (previous != null) {
                out.add(
                        new RuleProblem(
                                r.source().file(),
                                r.source().line(),
                                '"' + r.name() + '"',
                                "duplicate rule name, first defined at " + previous.source()));
            }
        }
        return out;
    }

    private static List<SeriesSelector> match(FieldReader f, Problems p) {
        if (f.isMapping("match")) {
            // match: {__name__=~"node_.*"} is a YAML mapping, not a string: the usual slip.
            p.add(
                    f.line("match"),
                    "match must be a series selector or a list of them, got a mapping (quote a"
                            + " selector that starts with {: match: '{__name__=~\"node_.*\"}')");
            return null;
        }
        At<List<At<String>>> texts =
                f.strings("match", true, "a series selector or a list of them");
        if (texts == null) {
            if (!f.has("match")) {
                p.add(f.line("match"), "match is required");
            }
            return null;
        }
        if (texts.value().isEmpty()) {
            p.add(texts.line(), "match must not be empty");
            return null;
        }
        List<SeriesSelector> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (At<String> t : texts.value()) {
            try {
                SeriesSelector s = SeriesSelectorParser.parse(t.value());
                if (!seen.add(s.matchers().toString())) {
                    p.add(t.line(), "match lists '" + t.value().strip() + "' twice");
                }
                out.add(s);
            } catch (SelectorSyntaxException e) {
                p.add(t.line(), "match '" + t.value().strip() + "': " + e.getMessage());
            }
        }
        return out;
    }

    private record Durations(
            Duration interval, Duration delay, Duration staleness, Duration dedup) {}

    private static Durations durations(FieldReader f, Problems p) {
        At<Duration> interval = duration(f, p, "interval");
        At<Duration> delay = duration(f, p, "delay");
        At<Duration> staleness = duration(f, p, "staleness_interval");
        At<Duration> dedup = duration(f, p, "dedup_interval");
        if (interval == null) {
            if (!f.has("interval")) {
                p.add(f.line("interval"), "interval is required");
            }
            return new Durations(null, null, null, null);
        }
        Duration iv = interval.value();
        if (iv.compareTo(MIN_INTERVAL) < 0) {
            p.add(interval.line(), "interval must be >= 1s, got " + DurationParser.format(iv));
        }
        Duration st =
                staleness == null
                        ? iv.multipliedBy(DEFAULT_STALENESS_INTERVALS)
                        : staleness.value();
        if (staleness != null && st.compareTo(iv) < 0) {
            p.add(
                    staleness.line(),
                    "staleness_interval must be >= interval ("
                            + DurationParser.format(iv)
                            + "), got "
                            + DurationParser.format(st));
        }
        Duration dl = delay == null ? DEFAULT_DELAY : delay.value();
        if (delay != null && dl.compareTo(st) >= 0) {
            p.add(
                    delay.line(),
                    "delay must be less than staleness_interval ("
                            + DurationParser.format(st)
                            + "), got "
                            + DurationParser.format(dl));
        }
        Duration dd = dedup == null ? Duration.ZERO : dedup.value();
        if (!dd.isZero() && (dd.compareTo(iv) > 0 || iv.toMillis() % dd.toMillis() != 0)) {
            p.add(
                    dedup.line(),
                    "dedup_interval must divide interval ("
                            + DurationParser.format(iv)
                            + ") evenly, got "
                            + DurationParser.format(dd));
        }
        return new Durations(iv, dl, st, dd);
    }

    private static At<Duration> duration(FieldReader f, Problems p, String key) {
        At<String> text = f.durationText(key);
        if (text == null) {
            return null;
        }
        try {
            return new At<>(DurationParser.parse(text.value()), text.line());
        } catch (IllegalArgumentException e) {
            p.add(
                    text.line(),
                    key + " must be a duration like 30s or 1m30s, got \"" + text.value() + "\"");
            return null;
        }
    }

    private static Grouping grouping(FieldReader f, Problems p) {
        List<String> by = labelNames(f, p, "by");
        List<String> without = labelNames(f, p, "without");
        if (f.has("by") && f.has("without")) {
            p.add(f.line("without"), "by and without cannot both be set");
            return null;
        }
        if (by == null || without == null) {
            return null;
        }
        if (f.has("by")) {
            return Grouping.by(by);
        }
        return f.has("without") ? Grouping.without(without) : Grouping.KEEP_ALL;
    }

    /** A list of label names: valid, unique, never {@code __name__}; empty list when absent. */
    private static List<String> labelNames(FieldReader f, Problems p, String key) {
        At<List<At<String>>> names = f.strings(key, false, "a list of label names");
        if (names == null) {
            return f.has(key) ? null : List.of();
        }
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (At<String> n : names.value()) {
            String label = n.value();
            if (label.equals(LabelMatcher.METRIC_NAME)) {
                p.add(n.line(), key + " cannot list __name__ (output names come from the rule)");
                ok = false;
            } else if (!SeriesSelectorParser.isValidLabelName(label)) {
                p.add(
                        n.line(),
                        key + ": \"" + label + "\" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
                ok = false;
            } else if (out.contains(label)) {
                p.add(n.line(), key + " lists \"" + label + "\" twice");
                ok = false;
            } else {
                out.add(label);
            }
        }
        return ok ? out : null;
    }
}
