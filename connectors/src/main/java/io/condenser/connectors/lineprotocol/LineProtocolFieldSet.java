package io.condenser.connectors.lineprotocol;

import static io.condenser.connectors.lineprotocol.LineProtocolReasons.BAD_FIELD;
import static io.condenser.connectors.lineprotocol.LineProtocolReasons.BAD_FIELD_VALUE;
import static io.condenser.connectors.lineprotocol.LineProtocolReasons.INT_OVERFLOW;
import static io.condenser.connectors.lineprotocol.LineProtocolReasons.UINT_OVERFLOW;
import static io.condenser.connectors.lineprotocol.LineProtocolReasons.UNTERMINATED_STRING;
import static io.condenser.connectors.parse.QuotedLineScanner.isSpace;

import io.condenser.connectors.lineprotocol.SeriesHeads.FieldName;
import io.condenser.connectors.lineprotocol.SeriesHeads.Head;
import io.condenser.connectors.parse.ParseListener;

/**
 * The field set of one line ({@code key=value,key=value}): keys resolved against the series' known
 * layout, values typed (float, integer, unsigned, boolean, string) and collected in {@link
 * LineFields} until {@link LineProtocolParser} knows the whole line is valid. Split out of the
 * parser by role; it is the hot path, so the methods stay small enough for the JIT to inline.
 * Errors are reported through {@link #reason} and {@link #detail}, never thrown. Not thread-safe.
 */
final class LineProtocolFieldSet {

    /** Bytes that neither end nor escape a field key: one table load per byte on the hot path. */
    private static final boolean[] ORDINARY_KEY_BYTE = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            ORDINARY_KEY_BYTE[c] =
                    c != '\\'
                            && c != '='
                            && c != ','
                            && c != '\r'
                            && c != '\n'
                            && !isSpace((byte) c);
        }
    }

    private final SeriesHeads heads;
    private final LineProtocolNumbers numbers = new LineProtocolNumbers();
    private final LineFields fields = new LineFields();
    // The current field: its position, and whether the series layout vouches it is distinct.
    private int fieldCount;
    private boolean distinct;

    /** Why the last {@link #parse} failed (a {@link LineProtocolReasons} token), else null. */
    String reason;

    String detail;

    /**
     * @param heads the parser's series cache, which also interns field names
     */
    LineProtocolFieldSet(SeriesHeads heads) {
        this.heads = heads;
    }

    /**
     * Reads the field set from p; the position after it (at a space or end), or -1 on error ({@link
     * #reason}). Clears what an earlier line left.
     */
    int parse(byte[] buf, int p, int end, Head head) {
        fields.clear();
        reason = null;
        int fieldIndex = 0;
        while (true) {
            int keyStart = p;
            while (p < end) {
                byte b = buf[p];
                if (ORDINARY_KEY_BYTE[b & 0xff]) {
                    p++;
                } else if (b == '\\' && p + 1 < end) {
                    if (SeriesHeads.isControl(buf[p + 1])) {
                        return fail(
                                BAD_FIELD, "backslash before a control character in a field key");
                    }
                    p += SeriesHeads.isEscapable(buf[p + 1]) ? 2 : 1;
                } else if (b == '=' || b == ',' || isSpace(b) || b == '\r' || b == '\n') {
                    break;
                } else {
                    p++;
                }
            }
            if (p == keyStart) {
                return fail(BAD_FIELD, "empty field key");
            }
            if (p == end || buf[p] != '=') {
                return fail(
                        BAD_FIELD,
                        "field '" + SeriesHeads.text(buf, keyStart, p) + "' has no '=' and value");
            }
            int keyEnd = p++;
            FieldName name = head.field(fieldIndex, buf, keyStart, keyEnd - keyStart, heads);
            distinct = head.verified(fieldIndex);
            fieldCount = ++fieldIndex;
            p = parseValue(buf, p, end, name);
            if (p < 0) {
                return -1;
            }
            if (p == end || isSpace(buf[p])) {
                return p;
            }
            if (buf[p] != ',') {
                return fail(
                        BAD_FIELD_VALUE,
                        "unexpected '"
                                + (char) (buf[p] & 0xff)
                                + "' after the value of field '"
                                + name.key
                                + "'");
            }
            p++;
        }
    }

    private int parseValue(byte[] buf, int p, int end, FieldName name) {
        if (p < end && buf[p] == '"') {
            int q = p + 1;
            while (q < end && buf[q] != '"') {
                q += buf[q] == '\\' ? 2 : 1;
            }
            if (q >= end) {
                return fail(
                        UNTERMINATED_STRING,
                        "no closing quote for the string value of field '" + name.key + "'");
            }
            fields.add(name, 0, true, distinct);
            return q + 1;
        }
        int fast = numbers.parseSimple(buf, p, end);
        if (fast >= 0) {
            fields.add(name, numbers.doubleValue, false, distinct);
            return fast;
        }
        // Anything unusual (exponents, long or huge integers, errors) takes the exact path.
        int v = p;
        while (v < end && buf[v] != ',' && !isSpace(buf[v])) {
            v++;
        }
        if (v == p) {
            return fail(BAD_FIELD_VALUE, "empty value for field '" + name.key + "'");
        }
        byte first = buf[p];
        byte last = buf[v - 1];
        if (last == 'i' && (first == '-' || isDigit(first))) {
            if (numbers.parseInt(buf, p, v - 1)) {
                fields.add(name, (double) numbers.longValue, false, distinct);
                return v;
            }
            return numbers.overflow
                    ? fail(
                            INT_OVERFLOW,
                            "integer "
                                    + SeriesHeads.text(buf, p, v)
                                    + " of field '"
                                    + name.key
                                    + "' is outside the int64 range")
                    : badValue(buf, p, v, name);
        }
        if (last == 'u' && isDigit(first)) {
            if (numbers.parseUnsigned(buf, p, v - 1)) {
                fields.add(name, numbers.doubleValue, false, distinct);
                return v;
            }
            return numbers.overflow
                    ? fail(
                            UINT_OVERFLOW,
                            "unsigned "
                                    + SeriesHeads.text(buf, p, v)
                                    + " of field '"
                                    + name.key
                                    + "' is outside the uint64 range")
                    : badValue(buf, p, v, name);
        }
        if (first == '-' || first == '.' || isDigit(first)) {
            if (numbers.parseFloat(buf, p, v)) {
                fields.add(name, numbers.doubleValue, false, distinct);
                return v;
            }
            return numbers.overflow
                    ? fail(
                            BAD_FIELD_VALUE,
                            "float "
                                    + SeriesHeads.text(buf, p, v)
                                    + " of field '"
                                    + name.key
                                    + "' is outside the float64 range")
                    : badValue(buf, p, v, name);
        }
        int bool = bool(buf, p, v);
        if (bool >= 0) {
            fields.add(name, bool, false, distinct);
            return v;
        }
        return badValue(buf, p, v, name);
    }

    private int badValue(byte[] buf, int s, int e, FieldName name) {
        return fail(
                BAD_FIELD_VALUE,
                "'"
                        + SeriesHeads.text(buf, s, e)
                        + "' is no float, integer, unsigned, boolean or string (field '"
                        + name.key
                        + "')");
    }

    /** 1 for Telegraf's true spellings, 0 for its false ones, -1 otherwise. */
    private static int bool(byte[] b, int s, int e) {
        switch (e - s) {
            case 1:
                return b[s] == 't' || b[s] == 'T' ? 1 : b[s] == 'f' || b[s] == 'F' ? 0 : -1;
            case 4:
                return is(b, s, "true") || is(b, s, "True") || is(b, s, "TRUE") ? 1 : -1;
            case 5:
                return is(b, s, "false") || is(b, s, "False") || is(b, s, "FALSE") ? 0 : -1;
            default:
                return -1;
        }
    }

    private static boolean is(byte[] b, int s, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[s + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Emits the line's samples and tells the series its layout. */
    void emit(Head head, long timestampMs, ParseListener l) {
        head.lineDone(fieldCount, fields.emit(head, timestampMs, l));
    }

    void clear() {
        fields.clear();
        reason = null;
    }

    private int fail(String reason, String detail) {
        this.reason = reason;
        this.detail = detail;
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
