package io.condenser.rules.aggregate;

import java.math.BigDecimal;

/**
 * Formats a float for a label value ({@code le}, {@code quantile}): the shortest decimal that reads
 * back as the same double, without a trailing ".0" ({@code 1}, {@code 0.005}, {@code 2.5}), {@code
 * +Inf}/{@code -Inf}, and exponent form only for very small or large magnitudes. The same bound
 * always gets the same text, which is what matters for series identity.
 */
public final class LabelFloats {

    private LabelFloats() {}

    public static String format(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        if (abs >= 1e-6 && abs < 1e15) {
            // Double.toString is the shortest round-tripping form; BigDecimal only re-renders it
            return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
        }
        return Double.toString(v).replace("E", "e");
    }
}
