package io.condenser.rules.aggregate;

/**
 * One value an aggregator produces for its output group. Most outputs produce one point with no
 * extra label; {@code quantiles} adds a {@code quantile} label, {@code histogram_bucket} produces
 * {@code _bucket{le=…}}, {@code _sum} and {@code _count} points (the name suffix).
 *
 * @param nameSuffix appended to the output series name, "" for most outputs
 * @param labelName an extra label name, or null
 * @param labelValue the extra label's value, or null
 * @param value the output value
 */
public record ResultPoint(String nameSuffix, String labelName, String labelValue, double value) {

    public static ResultPoint of(double value) {
        return new ResultPoint("", null, null, value);
    }
}
