package io.condenser.jobs.functions;

import io.condenser.connectors.util.RateLimitedLog;
import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.EngineCounts;
import io.condenser.rules.engine.EngineLevel;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger LOG = LoggerFactory.getLogger(StageMetrics.class);

    /** One warning per interval about late samples, with how many were suppressed. */
    private static final long LATE_LOG_INTERVAL_MS = 10_000;

    private final MetricGroup group;
    private final EngineCounter.Stage stage;
    private final Map<EngineCounter, Counter> counters = new EnumMap<>(EngineCounter.class);
    private final Map<String, RuleMetrics> perRule = new HashMap<>();
    private final RateLimitedLog lateLog = new RateLimitedLog(LOG, LATE_LOG_INTERVAL_MS);

    public StageMetrics(MetricGroup group, EngineCounter.Stage stage) {
        this.group = group;
        this.stage = stage;
        for (EngineCounter c : EngineCounter.values()) {
            if (c.countedIn(stage)) {
                counters.put(c, group.counter(c.metricName()));
            }
        }
    }

    /** One rule's metrics in this operator. */
    private final class RuleMetrics {
        final MetricGroup group;
        final Map<EngineCounter, Counter> counters = new EnumMap<>(EngineCounter.class);
        final int[] levels = new int[EngineLevel.values().length];

        RuleMetrics(String rule) {
            this.group = StageMetrics.this.group.addGroup("rule", rule);
            for (EngineLevel l : EngineLevel.values()) {
                if (l.stage() == stage) {
                    group.gauge(l.metricName(), () -> levels[l.ordinal()]);
                }
            }
        }

        Counter counter(EngineCounter c) {
            Counter counter = counters.get(c);
            if (counter == null) {
                counter = group.counter(c.metricName());
                counters.put(c, counter);
            }
            return counter;
        }
    }

    private RuleMetrics rule(String name) {
        RuleMetrics m = perRule.get(name);
        if (m == null) {
            m = new RuleMetrics(name);
            perRule.put(name, m);
        }
        return m;
    }

    /**
     * Registers this stage's per-rule counters and levels of every rule in the set at 0, so a rule
     * shows from the moment it is in force (a rule that matches nothing reads 0, not absent). A
     * removed rule's metrics keep their last values until the operator closes, as Flink metrics
     * cannot be unregistered one by one.
     */
    public void registerRules(RuleSet set) {
        for (Rule r : set.enabledRules()) {
            RuleMetrics m = rule(r.name());
            for (EngineCounter c : EngineCounter.values()) {
                if (c.countedIn(stage)) {
                    m.counter(c);
                }
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
        if (rule != null) {
            rule(rule.name()).counter(counter).inc(n);
        }
    }

    @Override
    public void level(EngineLevel level, CompiledRule rule, int delta) {
        if (rule != null) {
            rule(rule.name()).levels[level.ordinal()] += delta;
        }
    }

    /** The levels a restored operator starts from: what its key groups hold, per rule. */
    public void restoreLevel(EngineLevel level, Map<String, Integer> perRuleCounts) {
        perRuleCounts.forEach((name, n) -> rule(name).levels[level.ordinal()] = n);
    }

    @Override
    public void late(EngineCounter counter, CompiledRule rule, long timestampMs, long eventTimeMs) {
        add(counter, rule, 1);
        long close = rule.closeOf(timestampMs);
        lateLog.warn(
                "{}: rule {}: a sample at {} arrived after its window closed at {} (end + delay"
                        + " {} ms); event time is {}, {} ms past the close",
                counter.metricName(),
                rule.name(),
                Instant.ofEpochMilli(timestampMs),
                Instant.ofEpochMilli(close),
                rule.delayMs(),
                Instant.ofEpochMilli(eventTimeMs),
                eventTimeMs - close);
    }

    public Counter counter(String name) {
        return group.counter(name);
    }

    public void gauge(String name, Supplier<Integer> value) {
        group.gauge(name, value::get);
    }
}
