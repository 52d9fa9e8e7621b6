package io.condenser.connectors.graphite;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Reads Graphite values and timestamps straight from the input bytes. Hand-written rather than
 * {@code Double.parseDouble(new String(...))}: Java's parser also accepts forms no Graphite sender
 * writes ({@code 1d}, {@code 0x1p3}, surrounding blanks, {@code Infinity}), and the common case (up
 * to 15 significant digits, small exponent) is exact with one multiplication or division, which
 * saves a String per line.
 */
final class GraphiteNumbers {

    /** {@link #parseTimestampMs} result for a malformed timestamp. */
    static final long BAD_TIMESTAMP = Long.MIN_VALUE;

    /** {@link #parseTimestampMs} result for carbon's "-1 = now". */
    static final long NOW = Long.MIN_VALUE + 1;

    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private GraphiteNumbers() {}

    /**
     * A decimal float {@code [+-]?(d+[.d*]|.d+)([eE][+-]?d+)?}; NaN when the text is not one (the
     * caller tells a NaN/Inf literal from garbage with {@link #isNonFiniteLiteral}). Values beyond
     * the double range come back infinite.
     */
    static double parseValue(byte[] b, int s, int e) {
        int i = s;
        boolean neg = false;
        if (i < e && (b[i] == '+' || b[i] == '-')) {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int significant = 0;
        int exp10 = 0;
        boolean anyDigit = false;
        while (i < e && isDigit(b[i])) {
            if (significant < 18) {
                mant = mant * 10 + (b[i] - '0');
                if (mant != 0) {
                    significant++;
                }
            } else {
                exp10++;
            }
            anyDigit = true;
            i++;
        }
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && isDigit(b[i])) {
                if (significant < 18) {
                    mant = mant * 10 + (b[i] - '0');
                    if (mant != 0) {
                        significant++;
                    }
                    exp10--;
                }
                anyDigit = true;
                i++;
            }
        }
        if (!anyDigit) {
            return Double.NaN;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNeg = false;
            if (i < e && (b[i] == '+' || b[i] == '-')) {
                expNeg = b[i] == '-';
                i++;
            }
            if (i >= e || !isDigit(b[i])) {
                return Double.NaN;
            }
            int exp = 0;
            while (i < e && isDigit(b[i])) {
                if (exp < 100_000) {
                    exp = exp * 10 + (b[i] - '0');
                }
                i++;
            }
            exp10 += expNeg ? -exp : exp;
        }
        if (i != e) {
            return Double.NaN;
        }
        double v;
        if (mant == 0) {
            v = 0;
        } else if (mant <= (1L << 53) && exp10 >= -22 && exp10 <= 22) {
            // Both operands are exact, so the single rounding of * or / is the correct one.
            v = exp10 >= 0 ? mant * POW10[exp10] : mant / POW10[-exp10];
        } else {
            v = Double.parseDouble(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
            return v;
        }
        return neg ? -v : v;
    }

    /** {@code nan}, {@code inf}, {@code infinity} in any case, optionally signed. */
    static boolean isNonFiniteLiteral(byte[] b, int s, int e) {
        if (s < e && (b[s] == '+' || b[s] == '-')) {
            s++;
        }
        String word = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
        return word.equalsIgnoreCase("nan")
                || word.equalsIgnoreCase("inf")
                || word.equalsIgnoreCase("infinity");
    }

    /**
     * Seconds since the epoch, fractional allowed, to milliseconds (truncated). {@code -1} is
     * {@link #NOW}; anything else negative, malformed or beyond year ~33,000 is {@link
     * #BAD_TIMESTAMP}.
     */
    static long parseTimestampMs(byte[] b, int s, int e) {
        if (e - s == 2 && b[s] == '-' && b[s + 1] == '1') {
            return NOW;
        }
        int i = s;
        if (i < e && b[i] == '+') {
            i++;
        }
        long secs = 0;
        int intDigits = 0;
        while (i < e && isDigit(b[i])) {
            if (++intDigits > 15) {
                return BAD_TIMESTAMP;
            }
            secs = secs * 10 + (b[i] - '0');
            i++;
        }
        long millis = 0;
        int fracDigits = 0;
        if (i < e && b[i] == '.') {
            i++;
            while (i < e && isDigit(b[i])) {
                if (fracDigits < 3) {
                    millis = millis * 10 + (b[i] - '0');
                }
                fracDigits++;
                i++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return BAD_TIMESTAMP;
        }
        if (i < e && (b[i] == 'e' || b[i] == 'E')) {
            return exponentTimestamp(b, s, e);
        }
        if (i != e) {
            return BAD_TIMESTAMP;
        }
        for (int k = Math.min(fracDigits, 3); k < 3; k++) {
            millis *= 10;
        }
        return secs * 1000 + millis;
    }

    /** The rare {@code 1.7e9} form: exact decimal arithmetic, bounded like the plain form. */
    private static long exponentTimestamp(byte[] b, int s, int e) {
        if (e - s > 40) {
            return BAD_TIMESTAMP;
        }
        try {
            BigDecimal secs = new BigDecimal(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
            // A huge scale (1e-999999999) would make setScale compute a giant power of ten.
            if (Math.abs(secs.scale()) > 30
                    || secs.signum() < 0
                    || secs.compareTo(BigDecimal.TEN.pow(15)) >= 0) {
                return BAD_TIMESTAMP;
            }
            return secs.movePointRight(3).setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            return BAD_TIMESTAMP;
        }
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
