package io.condenser.rules.support;

import io.condenser.rules.model.Grouping;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.SeriesSelector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link Rule}s for tests with vmagent's defaults (staleness = 2 × interval). */
public final class TestRules {

    private String name = "test";
    private List<SeriesSelector> match = List.of();
    private Duration interval = Duration.ofMinutes(1);
    private Duration delay = Duration.ZERO;
    private Duration staleness;
    private Duration dedup = Duration.ZERO;
    private Grouping grouping = Grouping.KEEP_ALL;
    private List<String> drop = List.of();
    private final List<OutputSpec> outputs = new ArrayList<>();
    private boolean keepMetricNames;
    private String outputName;
    private int maxOutputSeries;

    public static TestRules rule() {
        return new TestRules();
    }

    public TestRules name(String n) {
        name = n;
        return this;
    }

    /** Matches one metric name exactly. */
    public TestRules match(String metricName) {
        match =
                List.of(
                        new SeriesSelector(
                                metricName,
                                List.of(
                                        LabelMatcher.of(
                                                LabelMatcher.METRIC_NAME,
                                                LabelMatcher.Op.EQ,
                                                metricName))));
        return this;
    }

    public TestRules interval(String d) {
        interval = Duration.parse("PT" + d.toUpperCase());
        return this;
    }

    public TestRules delay(String d) {
        delay = Duration.parse("PT" + d.toUpperCase());
        return this;
    }

    public TestRules staleness(String d) {
        staleness = Duration.parse("PT" + d.toUpperCase());
        return this;
    }

    public TestRules dedup(String d) {
        dedup = Duration.parse("PT" + d.toUpperCase());
        return this;
    }

    public TestRules by(String... labels) {
        grouping = Grouping.by(List.of(labels));
        return this;
    }

    public TestRules without(String... labels) {
        grouping = Grouping.without(List.of(labels));
        return this;
    }

    public TestRules drop(String... labels) {
        drop = List.of(labels);
        return this;
    }

    public TestRules output(Output o, Double... params) {
        outputs.add(new OutputSpec(o, List.of(params)));
        return this;
    }

    public TestRules keepMetricNames() {
        keepMetricNames = true;
        return this;
    }

    public TestRules outputName(String n) {
        outputName = n;
        return this;
    }

    public TestRules maxOutputSeries(int n) {
        maxOutputSeries = n;
        return this;
    }

    public Rule build() {
        return new Rule(
                name,
                true,
                match,
                interval,
                delay,
                staleness != null ? staleness : interval.multipliedBy(2),
                dedup,
                grouping,
                drop,
                outputs,
                keepMetricNames,
                outputName,
                maxOutputSeries,
                Rule.SourcePosition.UNKNOWN);
    }
}
