package io.condenser.connectors.lineprotocol;

import java.util.Locale;

/**
 * The unit of line-protocol timestamps, as InfluxDB's {@code /write?precision=} names it. Samples
 * carry milliseconds: finer units are divided with {@link Math#floorDiv} (towards negative
 * infinity, so a pre-1970 instant never moves later; Telegraf's Go division truncates towards zero
 * instead, which differs only for negative timestamps), seconds are multiplied and overflow is an
 * error.
 */
public enum Precision {
    NANOSECONDS("ns"),
    MICROSECONDS("us"),
    MILLISECONDS("ms"),
    SECONDS("s");

    /** InfluxDB's default when {@code precision} is absent. */
    public static final Precision DEFAULT = NANOSECONDS;

    private final String shortName;

    Precision(String shortName) {
        this.shortName = shortName;
    }

    public String shortName() {
        return shortName;
    }

    /**
     * The precision named by a {@code precision} query parameter: {@code n}/{@code ns}, {@code
     * u}/{@code us}/{@code µ}, {@code ms}, {@code s}; null or empty is the default (nanoseconds).
     *
     * @throws IllegalArgumentException for any other value, naming it and the accepted ones
     */
    public static Precision fromQueryParam(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "n":
            case "ns":
                return NANOSECONDS;
            case "u":
            case "us":
            case "µ":
            case "µs":
                return MICROSECONDS;
            case "ms":
                return MILLISECONDS;
            case "s":
                return SECONDS;
            default:
                throw new IllegalArgumentException(
                        "precision must be one of n, ns, u, us, ms, s, got '" + value + "'");
        }
    }

    /**
     * A timestamp in this unit as milliseconds.
     *
     * @throws ArithmeticException when seconds overflow a long of milliseconds
     */
    public long toMillis(long timestamp) {
        switch (this) {
            case NANOSECONDS:
                return Math.floorDiv(timestamp, 1_000_000L);
            case MICROSECONDS:
                return Math.floorDiv(timestamp, 1_000L);
            case MILLISECONDS:
                return timestamp;
            default:
                return Math.multiplyExact(timestamp, 1_000L);
        }
    }
}
