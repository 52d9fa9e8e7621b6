package io.condenser.connectors.lineprotocol;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

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
