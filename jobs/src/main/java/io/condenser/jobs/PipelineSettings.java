package io.condenser.jobs;

import java.io.Serializable;
import java.time.Duration;

/** Immutable settings of {@link Pipeline#build}; build with {@link #builder()}. */
public final class PipelineSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** What happens to a sample no rule matches (vmagent's {@code -streamAggr.keepInput}). */
    public enum UnmatchedInput {
        /** Dropped (counted). */
        DROP,
        /** Written to the sink unchanged. */
        FORWARD
    }

    public static final UnmatchedInput DEFAULT_UNMATCHED_INPUT = UnmatchedInput.DROP;

    /** Key groups: the most subtasks any keyed stage can ever be rescaled to. */
    public static final int DEFAULT_MAX_PARALLELISM = 4096;

    /** Samples held in memory (and checkpoints) while no rule set has arrived yet. */
    public static final int DEFAULT_PENDING_RULES_BUFFER = 100_000;

    /** How long event time waits for a first rule set before it runs without one. */
    public static final Duration DEFAULT_RULES_GRACE = Duration.ofSeconds(30);

    /**
     * Series whose output group the pre-aggregation caches per subtask (~100 bytes each); past it
     * the cache starts over.
     */
    public static final int DEFAULT_COMBINER_MAX_CACHED_SERIES = 1_000_000;

    /** Open (group, window) entries the pre-aggregation holds per subtask before sending early. */
    public static final int DEFAULT_COMBINER_MAX_OPEN_WINDOWS = 200_000;

    private final UnmatchedInput unmatchedInput;
    private final Duration rulesGrace;
    private final int maxParallelism;
    private final int pendingRulesBuffer;
    private final int combinerMaxCachedSeries;
    private final int combinerMaxOpenWindows;

    private PipelineSettings(Builder b) {
        this.unmatchedInput = b.unmatchedInput;
        this.maxParallelism = b.maxParallelism;
        this.pendingRulesBuffer = b.pendingRulesBuffer;
        this.combinerMaxCachedSeries = b.combinerMaxCachedSeries;
        this.combinerMaxOpenWindows = b.combinerMaxOpenWindows;
        this.rulesGrace = b.rulesGrace;
    }

    public static PipelineSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public UnmatchedInput unmatchedInput() {
        return unmatchedInput;
    }

    public int maxParallelism() {
        return maxParallelism;
    }

    public int pendingRulesBuffer() {
        return pendingRulesBuffer;
    }

    public int combinerMaxCachedSeries() {
        return combinerMaxCachedSeries;
    }

    public int combinerMaxOpenWindows() {
        return combinerMaxOpenWindows;
    }

    public Duration rulesGrace() {
        return rulesGrace;
    }

    @Override
    public String toString() {
        return "PipelineSettings{unmatchedInput="
                + unmatchedInput
                + ", maxParallelism="
                + maxParallelism
                + ", pendingRulesBuffer="
                + pendingRulesBuffer
                + ", rulesGrace="
                + rulesGrace
                + "}";
    }

    public static final class Builder {
        private UnmatchedInput unmatchedInput = DEFAULT_UNMATCHED_INPUT;
        private int maxParallelism = DEFAULT_MAX_PARALLELISM;
        private int pendingRulesBuffer = DEFAULT_PENDING_RULES_BUFFER;
        private int combinerMaxCachedSeries = DEFAULT_COMBINER_MAX_CACHED_SERIES;
        private int combinerMaxOpenWindows = DEFAULT_COMBINER_MAX_OPEN_WINDOWS;
        private Duration rulesGrace = DEFAULT_RULES_GRACE;

        private Builder() {}

        public Builder rulesGrace(Duration value) {
            this.rulesGrace = value;
            return this;
        }

        public Builder unmatchedInput(UnmatchedInput value) {
            this.unmatchedInput = value;
            return this;
        }

        public Builder maxParallelism(int value) {
            this.maxParallelism = value;
            return this;
        }

        public Builder pendingRulesBuffer(int value) {
            this.pendingRulesBuffer = value;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field and value
         */
        public Builder combinerMaxCachedSeries(int value) {
            this.combinerMaxCachedSeries = value;
            return this;
        }

        public Builder combinerMaxOpenWindows(int value) {
            this.combinerMaxOpenWindows = value;
            return this;
        }

        public PipelineSettings build() {
            if (combinerMaxCachedSeries < 1 || combinerMaxOpenWindows < 1) {
                throw new IllegalArgumentException(
                        "combiner bounds must be >= 1, got "
                                + combinerMaxCachedSeries
                                + " series, "
                                + combinerMaxOpenWindows
                                + " windows");
            }
            if (unmatchedInput == null) {
                throw new IllegalArgumentException("unmatchedInput must be set, got null");
            }
            // Flink's bounds for max parallelism: 1 .. 2^15
            if (maxParallelism < 1 || maxParallelism > 32768) {
                throw new IllegalArgumentException(
                        "maxParallelism must be in 1..32768, got " + maxParallelism);
            }
            if (pendingRulesBuffer < 0) {
                throw new IllegalArgumentException(
                        "pendingRulesBuffer must be >= 0, got " + pendingRulesBuffer);
            }
            if (rulesGrace == null || rulesGrace.isNegative()) {
                throw new IllegalArgumentException("rulesGrace must be >= 0, got " + rulesGrace);
            }
            return new PipelineSettings(this);
        }
    }
}
