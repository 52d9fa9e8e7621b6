package io.condenser.jobs.functions;

import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.EngineCounts;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The metrics of one stage operator: the engine's counters of that stage ({@link EngineCounter},
 * the one registry of their names), registered at 0 when the operator opens, plus the rule-set and
 * pre-aggregation figures the adapters add.
 */
public final class StageMetrics implements EngineCounts {

    public static final String RULE_SETS_APPLIED = "rule_sets_applied";
    public static final String RULE_SETS_REJECTED = "rule_sets_rejected";
    public static final String COMBINER_OPEN_WINDOWS = "combiner_open_windows";
    public static final String RULE_VERSIONS_LIVE = "rule_versions_live";

    private final MetricGroup group;
    private final Map<EngineCounter, Counter> counters = new EnumMap<>(EngineCounter.class);

    public StageMetrics(MetricGroup group, EngineCounter.Stage stage) {
        this.group = group;
        for (EngineCounter c : EngineCounter.values()) {
            if (c.countedIn(stage)) {
                counters.put(c, group.counter(c.metricName()));
            }
        }
    }

    @Override
    public void add(EngineCounter counter, CompiledRule rule, long n) {
        Counter c = counters.get(counter);
        if (c == null) {
            c = group.counter(counter.metricName());
            counters.put(counter, c);
        }
        c.inc(n);
    }

    public Counter counter(String name) {
        return group.counter(name);
    }

    public void gauge(String name, Supplier<Integer> value) {
        group.gauge(name, value::get);
    }
}
