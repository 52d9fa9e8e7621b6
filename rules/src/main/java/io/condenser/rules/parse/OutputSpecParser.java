package io.condenser.rules.parse;

import io.condenser.rules.model.Output;
import io.condenser.rules.model.OutputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code outputs:}: a registry name ({@code sum_samples}), or {@code quantiles(0.5,
 * 0.99)} with φ values in [0, 1], as vmagent writes it. Histogram buckets come from the rule's
 * {@code buckets:} key, not from here.
 */
final class OutputSpecParser {

    private static final Pattern ENTRY =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*", Pattern.DOTALL);
    private static final Pattern DECIMAL =
            Pattern.compile("[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[0-9]+\\.");

    private static final List<String> NAMES =
            Arrays.stream(Output.values()).map(Output::yamlName).toList();

    private OutputSpecParser() {}

    /**
     * @return the spec; for {@code histogram_bucket} with no parameters yet; null after reporting
     */
    static OutputSpec parse(String text, int line, Problems problems) {
        Matcher m = ENTRY.matcher(text);
        if (!m.matches()) {
            problems.add(line, "outputs: unknown output \"" + text + "\"");
            return null;
        }
        String name = m.group(1);
        String args = m.group(2);
        Output output = Output.byYamlName(name);
        if (output == null) {
            problems.add(
                    line,
                    "outputs: unknown output \""
                            + name
                            + "\""
                            + Suggestions.didYouMean(name, NAMES));
            return null;
        }
        if (output != Output.QUANTILES) {
            if (args != null) {
                String hint =
                        output == Output.HISTOGRAM_BUCKET ? " (set buckets: on the rule)" : "";
                problems.add(
                        line, "outputs: " + name + " takes no parameters" + hint + ", got " + text);
                return null;
            }
            return OutputSpec.of(output);
        }
        if (args == null || args.isBlank()) {
            problems.add(
                    line,
                    "outputs: quantiles needs φ values, e.g. quantiles(0.5, 0.99), got " + text);
            return null;
        }
        List<Double> phis = new ArrayList<>();
        boolean ok = true;
        for (String part : args.split(",", -1)) {
            String p = part.strip();
            if (!DECIMAL.matcher(p).matches()) {
                problems.add(
                        line, "outputs: quantiles φ must be a number in [0, 1], got \"" + p + "\"");
                ok = false;
                continue;
            }
            double phi = Double.parseDouble(p);
            if (phi > 1.0) {
                problems.add(line, "outputs: quantiles φ must be in [0, 1], got " + p);
                ok = false;
            } else if (phis.contains(phi)) {
                problems.add(line, "outputs: quantiles lists φ " + p + " twice");
                ok = false;
            } else {
                phis.add(phi);
            }
        }
        return ok ? new OutputSpec(Output.QUANTILES, phis) : null;
    }
}
