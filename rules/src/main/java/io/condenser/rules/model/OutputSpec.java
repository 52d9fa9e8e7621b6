package io.condenser.rules.model;

import java.util.List;
import java.util.Objects;

/**
 * One requested output with its parameters: the quantiles' φ values for {@link Output#QUANTILES},
 * the bucket upper bounds for {@link Output#HISTOGRAM_BUCKET}, empty for every other output.
 */
public record OutputSpec(Output output, List<Double> parameters) {

    public OutputSpec {
        Objects.requireNonNull(output, "output");
        parameters = List.copyOf(parameters);
    }

    public static OutputSpec of(Output output) {
        return new OutputSpec(output, List.of());
    }
}
