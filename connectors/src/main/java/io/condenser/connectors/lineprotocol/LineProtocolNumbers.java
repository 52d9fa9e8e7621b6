package io.condenser.connectors.lineprotocol;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Numeric field values and timestamps read straight from bytes, with the syntax of Telegraf's
 * line-protocol grammar (plugins/parsers/influx/machine.go.rl): integers without leading zeros,
 * floats as {@code -?(digits[.digits*]|.digits)([eE][+-]?digits)?} and nothing else (no {@code +},
 * no {@code NaN} or {@code Inf}, no hex). Results come back through fields to avoid boxing on the
 * hot path; each method returns false for bad syntax and sets {@link #overflow} when the syntax was
 * fine but the value does not fit.
 */
final class LineProtocolNumbers {

    long longValue;
    double doubleValue;
    boolean overflow;

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };

    /**
     * The hot path for the values Telegraf writes most: a plain decimal {@code -?d+(.d*)?}, or an
     * integer of at most 18 digits with {@code i} or {@code u}, ending at {@code ,}, whitespace or
     * {@code e}. Returns the index after the value with {@link #doubleValue} set, or -1 when the
     * value is anything else (then the exact methods below decide, and name the error). One pass:
     * up to 15 digits the double is exact ({@code mantissa / 10^k} with both operands exact,
     * Clinger's fast path); longer decimals go to fastdoubleparser without re-validating.
     */
    int parseSimple(byte[] b, int s, int e) {
        int i = s;
        boolean neg = i < e && b[i] == '-';
        if (neg) {
            i++;
        }
        int start = i;
        long mant = 0;
        long w;
        while (i + 8 <= e && allDigits(w = (long) LONGS.get(b, i))) {
            mant = mant * 100_000_000L + eightDigits(w);
            i += 8;
        }
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            mant = mant * 10 + (b[i] - '0');
            i++;
        }
        int intDigits = i - start;
        if (intDigits > 18) {
            return -1;
        }
        int fracDigits = -1;
        if (i < e && b[i] == '.') {
            int fracStart = ++i;
            // mant overflows past 18 digits in all, harmlessly: it is only used up to 15.
            while (i + 8 <= e && allDigits(w = (long) LONGS.get(b, i))) {
                mant = mant * 100_000_000L + eightDigits(w);
                i += 8;
            }
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                mant = mant * 10 + (b[i] - '0');
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (i < e && (b[i] == 'i' || b[i] == 'u')) {
            boolean unsigned = b[i] == 'u';
            if (fracDigits >= 0
                    || intDigits == 0
                    || (intDigits > 1 && b[start] == '0')
                    || (unsigned && neg)
                    || !endsValue(b, i + 1, e)) {
                return -1;
            }
            doubleValue = neg ? (double) -mant : (double) mant; // -0i is 0, not -0.0
            return i + 1;
        }
        if (!endsValue(b, i, e) || intDigits + Math.max(fracDigits, 0) == 0) {
            return -1;
        }
        int digits = intDigits + Math.max(fracDigits, 0);
        double v;
        if (digits <= 15) {
            v = fracDigits > 0 ? mant / POW10[fracDigits] : (double) mant;
            doubleValue = neg ? -v : v;
        } else {
            doubleValue = JavaDoubleParser.parseDouble(b, s, i - s);
        }
        return i;
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** True when all 8 bytes (little-endian word) are ASCII digits (simdjson's test). */
    static boolean allDigits(long w) {
        return ((w & 0xF0F0F0F0F0F0F0F0L)
                        | (((w + 0x0606060606060606L) & 0xF0F0F0F0F0F0F0F0L) >>> 4))
                == 0x3333333333333333L;
    }

    /** The value of 8 ASCII digits, first digit in the lowest byte (simdjson's SWAR parse). */
    static long eightDigits(long w) {
        long v = w - 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        v =
                (((v & 0x000000FF000000FFL) * 0x000F424000000064L)
                                + (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L))
                        >>> 32;
        return v & 0xFFFFFFFFL;
    }

    private static final boolean[] VALUE_END = new boolean[256];

    static {
        for (char c : new char[] {',', ' ', '\t', 0x0B, '\f'}) {
            VALUE_END[c] = true;
        }
    }

    private static boolean endsValue(byte[] b, int i, int e) {
        return i == e || VALUE_END[b[i] & 0xff];
    }

    /** {@code -?(0|[1-9][0-9]*)} into {@link #longValue}. */
    boolean parseInt(byte[] b, int s, int e) {
        overflow = false;
        boolean neg = s < e && b[s] == '-';
        int i = neg ? s + 1 : s;
        if (!plainInteger(b, i, e)) {
            return false;
        }
        // Accumulate negatively so that Long.MIN_VALUE fits.
        long r = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (r < Long.MIN_VALUE / 10 || (r == Long.MIN_VALUE / 10 && d > 8)) {
                overflow = true;
                return false;
            }
            r = r * 10 - d;
        }
        if (!neg) {
            if (r == Long.MIN_VALUE) {
                overflow = true;
                return false;
            }
            r = -r;
        }
        longValue = r;
        return true;
    }

    /** {@code 0|[1-9][0-9]*} up to 2^64-1 into {@link #doubleValue}, rounded as Go does. */
    boolean parseUnsigned(byte[] b, int s, int e) {
        overflow = false;
        if (!plainInteger(b, s, e)) {
            return false;
        }
        long r = 0;
        for (int i = s; i < e; i++) {
            int d = b[i] - '0';
            if (Long.compareUnsigned(r, 1844674407370955161L) > 0
                    || (r == 1844674407370955161L && d > 5)) {
                overflow = true;
                return false;
            }
            r = r * 10 + d;
        }
        longValue = r;
        // Correctly rounded uint64 -> double: halve with a sticky bit, convert, double.
        doubleValue = r >= 0 ? (double) r : (double) ((r >>> 1) | (r & 1)) * 2.0;
        return true;
    }

    /** A float into {@link #doubleValue}; overflow to infinity counts as {@link #overflow}. */
    boolean parseFloat(byte[] b, int s, int e) {
        overflow = false;
        int i = s < e && b[s] == '-' ? s + 1 : s;
        int intDigits = digits(b, i, e);
        i += intDigits;
        int fracDigits = 0;
        if (i < e && b[i] == '.') {
            i++;
            fracDigits = digits(b, i, e);
            i += fracDigits;
        }
        if (intDigits == 0 && fracDigits == 0) {
            return false;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int expDigits = digits(b, i, e);
            if (expDigits == 0) {
                return false;
            }
            i += expDigits;
        }
        if (i != e) {
            return false;
        }
        double v = JavaDoubleParser.parseDouble(b, s, e - s);
        if (Double.isInfinite(v)) {
            overflow = true;
            return false;
        }
        doubleValue = v;
        return true;
    }

    /** A timestamp: {@code -?[0-9]{1,19}} within the int64 range, into {@link #longValue}. */
    boolean parseTimestamp(byte[] b, int s, int e) {
        overflow = false;
        if (e - s <= 19 && e > s && b[s] != '-') {
            // Every line has one: 18 digits cannot overflow, so only a 19th is checked.
            int last = Math.min(e, s + 18);
            long r = 0;
            int i = s;
            long w;
            while (i + 8 <= last && allDigits(w = (long) LONGS.get(b, i))) {
                r = r * 100_000_000L + eightDigits(w);
                i += 8;
            }
            for (; i < last; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                r = r * 10 + d;
            }
            if (last < e) {
                int d = b[last] - '0';
                if (d < 0 || d > 9) {
                    return false;
                }
                if (r > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                    return false;
                }
                r = r * 10 + d;
            }
            longValue = r;
            return true;
        }
        boolean neg = s < e && b[s] == '-';
        int i = neg ? s + 1 : s;
        int n = digits(b, i, e);
        if (n == 0 || n > 19 || i + n != e) {
            return false;
        }
        long r = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (r < Long.MIN_VALUE / 10 || (r == Long.MIN_VALUE / 10 && d > 8)) {
                overflow = true;
                return false;
            }
            r = r * 10 - d;
        }
        if (!neg) {
            if (r == Long.MIN_VALUE) {
                overflow = true;
                return false;
            }
            r = -r;
        }
        longValue = r;
        return true;
    }

    private static boolean plainInteger(byte[] b, int s, int e) {
        int n = digits(b, s, e);
        return n > 0 && s + n == e && (n == 1 || b[s] != '0');
    }

    private static int digits(byte[] b, int s, int e) {
        int i = s;
        while (i < e && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i - s;
    }
}
