package io.condenser.jobs;

import java.io.Serializable;

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

    private final UnmatchedInput unmatchedInput;
    private final int maxParallelism;
    private final int pendingRulesBuffer;

    private PipelineSettings(Builder b) {
        this.unmatchedInput = b.unmatchedInput;
        this.maxParallelism = b.maxParallelism;
        this.pendingRulesBuffer = b.pendingRulesBuffer;
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

    @Override
    public String toString() {
        return "PipelineSettings{unmatchedInput="
                + unmatchedInput
                + ", maxParallelism="
                + maxParallelism
                + ", pendingRulesBuffer="
                + pendingRulesBuffer
                + "}";
    }

    public static final class Builder {
        private UnmatchedInput unmatchedInput = DEFAULT_UNMATCHED_INPUT;
        private int maxParallelism = DEFAULT_MAX_PARALLELISM;
        private int pendingRulesBuffer = DEFAULT_PENDING_RULES_BUFFER;

        private Builder() {}

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
        public PipelineSettings build() {
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
            return new PipelineSettings(this);
        }
    }
}
