package io.condenser.connectors.lineprotocol;

/**
 * The reason tokens of rejected line-protocol lines: stable, short, safe as metric label values.
 * docs/formats.md lists them with examples.
 */
public final class LineProtocolReasons {

    private LineProtocolReasons() {}

    /** Nothing before the first {@code ,} or space, e.g. {@code ,host=a value=1}. */
    public static final String MISSING_MEASUREMENT = "missing_measurement";

    /** A raw CR/LF or a backslash before a control character in the measurement. */
    public static final String BAD_MEASUREMENT = "bad_measurement";

    /** A tag without {@code =}, with an empty key or value, or an unescaped {@code =} in it. */
    public static final String BAD_TAG = "bad_tag";

    /** No field set after the measurement and tags. */
    public static final String MISSING_FIELDS = "missing_fields";

    /** A field key that is empty or not followed by {@code =}. */
    public static final String BAD_FIELD = "bad_field";

    /** A field value that is no float, integer, unsigned, boolean or string (NaN and Inf too). */
    public static final String BAD_FIELD_VALUE = "bad_field_value";

    /** An {@code i} integer outside the int64 range. */
    public static final String INT_OVERFLOW = "int_overflow";

    /** A {@code u} integer outside the uint64 range. */
    public static final String UINT_OVERFLOW = "uint_overflow";

    /** A string field value whose closing quote never comes. */
    public static final String UNTERMINATED_STRING = "unterminated_string";

    /** A timestamp that is not 1 to 19 digits, overflows, or is followed by more text. */
    public static final String BAD_TIMESTAMP = "bad_timestamp";

    /** A line longer than the configured maximum. */
    public static final String LINE_TOO_LONG = "line_too_long";
}
