package io.condenser.rules.parse;

import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import io.condenser.rules.parse.FieldReader.At;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a rule's {@code outputs} and {@code buckets} keys, for {@link RuleValidator}: the
 * outputs come from the registry and appear once each; {@code buckets} goes with, and only with,
 * {@code histogram_bucket}.
 */
final class OutputsValidator {

    private OutputsValidator() {}

    /**
     * The {@code outputs} list (each parsed by {@link OutputSpecParser}, none twice) with its
     * {@code buckets}.
     *
     * @return the outputs, or null when any problem was reported
     */
    static List<OutputSpec> outputs(FieldReader f, Problems p) {
        At<List<At<String>>> texts = f.strings("outputs", false, "a list of output names");
        At<List<At<Double>>> buckets = f.numbers("buckets");
        if (texts == null) {
            if (!f.has("outputs")) {
                p.add(f.line("outputs"), "outputs is required");
            }
            return null;
        }
        if (texts.value().isEmpty()) {
            p.add(texts.line(), "outputs must not be empty");
            return null;
        }
        List<OutputSpec> out = new ArrayList<>();
        Set<Output> seen = new HashSet<>();
        boolean ok = true;
        for (At<String> t : texts.value()) {
            OutputSpec spec = OutputSpecParser.parse(t.value(), t.line(), p);
            if (spec == null) {
                ok = false;
            } else if (!seen.add(spec.output())) {
                p.add(t.line(), "outputs lists " + spec.output().yamlName() + " twice");
                ok = false;
            } else if (spec.output() == Output.HISTOGRAM_BUCKET) {
                List<Double> bounds = buckets(f, p, buckets, t.line());
                ok &= bounds != null;
                out.add(
                        new OutputSpec(
                                Output.HISTOGRAM_BUCKET, bounds == null ? List.of() : bounds));
            } else {
                out.add(spec);
            }
        }
        if (buckets != null && !seen.contains(Output.HISTOGRAM_BUCKET)) {
            p.add(buckets.line(), "buckets is only allowed with the histogram_bucket output");
            ok = false;
        }
        return ok ? out : null;
    }

    /** Bucket upper bounds: finite, strictly increasing; {@code +Inf} is always added. */
    private static List<Double> buckets(
            FieldReader f, Problems p, At<List<At<Double>>> buckets, int outputLine) {
        if (buckets == null) {
            if (!f.has("buckets")) {
                p.add(outputLine, "buckets is required with the histogram_bucket output");
            }
            return null;
        }
        if (buckets.value().isEmpty()) {
            p.add(buckets.line(), "buckets must not be empty");
            return null;
        }
        List<Double> out = new ArrayList<>();
        boolean ok = true;
        for (At<Double> b : buckets.value()) {
            double v = b.value();
            if (!Double.isFinite(v)) {
                p.add(
                        b.line(),
                        "buckets must be finite (the +Inf bucket is always added), got "
                                + number(v));
                ok = false;
            } else if (!out.isEmpty() && v <= out.get(out.size() - 1)) {
                p.add(
                        b.line(),
                        "buckets must be strictly increasing, got "
                                + number(v)
                                + " after "
                                + number(out.get(out.size() - 1)));
                ok = false;
            } else {
                out.add(v);
            }
        }
        return ok ? out : null;
    }

    /** {@code 5} rather than {@code 5.0}: numbers shown as users write them. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.isNaN(v)
                ? ".nan"
                : Double.isInfinite(v) ? (v > 0 ? "+Inf" : "-Inf") : Double.toString(v);
    }
}
