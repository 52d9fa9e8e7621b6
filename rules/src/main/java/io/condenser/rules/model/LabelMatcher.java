package io.condenser.rules.model;

import com.google.re2j.Pattern;
import java.util.Objects;

/**
 * One label matcher of a PromQL series selector ({@code code=~"5.."}). Regexes are RE2 (linear
 * time, no backtracking: a user's rule cannot stall the pipeline) and fully anchored, as in PromQL.
 * A missing label matches as the empty string, as in PromQL ({@code foo=""} selects series without
 * {@code foo}).
 */
public final class LabelMatcher {

    public enum Op {
        EQ("="),
        NEQ("!="),
        RE("=~"),
        NRE("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The label name PromQL uses for the metric name. */
    public static final String METRIC_NAME = "__name__";

    private final String name;
    private final Op op;
    private final String value;
    private final Pattern pattern;
    private final SimpleRegex simple;

    private LabelMatcher(String name, Op op, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.op = Objects.requireNonNull(op, "op");
        this.value = Objects.requireNonNull(value, "value");
        this.pattern =
                (op == Op.RE || op == Op.NRE) ? Pattern.compile("^(?:" + value + ")$") : null;
        // only after RE2J accepted the regex: the fast form must never accept an invalid one
        this.simple = pattern == null ? null : SimpleRegex.of(value);
    }

    /**
     * @throws com.google.re2j.PatternSyntaxException for a regex RE2 does not accept
     */
    public static LabelMatcher of(String name, Op op, String value) {
        return new LabelMatcher(name, op, value);
    }

    public String name() {
        return name;
    }

    public Op op() {
        return op;
    }

    public String value() {
        return value;
    }

    /** True for {@code name="value"}: the only matcher an exact-name index can use. */
    public boolean isEquality() {
        return op == Op.EQ;
    }

    /** Does a label value (null when the label is absent) satisfy this matcher? */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQ -> v.equals(value);
            case NEQ -> !v.equals(value);
            case RE -> regexMatches(v);
            case NRE -> !regexMatches(v);
        };
    }

    private boolean regexMatches(String v) {
        return simple != null && v.indexOf('\n') < 0 ? simple.matches(v) : pattern.matches(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher m
                && name.equals(m.name)
                && op == m.op
                && value.equals(m.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, op, value);
    }

    /** PromQL form: {@code name=~"value"}, the value quoted with Go escaping of {@code \ " \n}. */
    @Override
    public String toString() {
        return name
                + op.symbol
                + '"'
                + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                + '"';
    }
}
