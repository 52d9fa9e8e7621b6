package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one-pass fast path must agree bit for bit with the exact parsers wherever it answers. */
class LineProtocolNumbersTest {

    private final LineProtocolNumbers n = new LineProtocolNumbers();

    private void agreesOnFloat(String text) {
        byte[] b = (text + ",").getBytes(StandardCharsets.US_ASCII);
        int end = n.parseSimple(b, 0, b.length);
        if (end >= 0) {
            assertThat(end).as(text).isEqualTo(text.length());
            double fast = n.doubleValue;
            assertThat(n.parseFloat(b, 0, text.length())).as(text).isTrue();
            assertThat(Double.doubleToRawLongBits(fast))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(n.doubleValue));
            assertThat(fast).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void plainDecimalsOfEveryLength() {
        Random r = new Random(5);
        for (int i = 0; i < 50_000; i++) {
            double d = r.nextDouble() * Math.pow(10, r.nextInt(12)) * (r.nextBoolean() ? 1 : -1);
            agreesOnFloat(Double.toString(d).contains("E") ? "1.5" : Double.toString(d));
            BigDecimal bd =
                    new BigDecimal(d).setScale(r.nextInt(20), java.math.RoundingMode.HALF_UP);
            agreesOnFloat(bd.toPlainString());
        }
        for (String s :
                new String[] {
                    "0",
                    "-0",
                    "0.0",
                    "-0.0",
                    "1.",
                    ".5",
                    "-.5",
                    "007.25",
                    "999999999999999",
                    "9007199254740993",
                    "0.1",
                    "123456789012345678",
                    "1234567890123456789"
                }) {
            agreesOnFloat(s);
        }
    }

    @Test
    void integersUpTo18DigitsAndBeyond() {
        Random r = new Random(6);
        for (int i = 0; i < 50_000; i++) {
            long v = r.nextLong() >> r.nextInt(63);
            byte[] b = (v + "i ").getBytes(StandardCharsets.US_ASCII);
            int end = n.parseSimple(b, 0, b.length);
            if (end >= 0) {
                assertThat(end).isEqualTo(b.length - 1);
                assertThat(n.doubleValue).as("%d", v).isEqualTo((double) v);
            } else {
                assertThat(Long.toString(Math.abs(v)).length()).isGreaterThan(18);
            }
            assertThat(n.parseInt(b, 0, b.length - 2)).isTrue();
            assertThat(n.longValue).isEqualTo(v);
        }
    }

    @Test
    void eightDigitsAtOnce() {
        Random r = new Random(8);
        for (int i = 0; i < 100_000; i++) {
            String s = String.format("%08d", r.nextInt(100_000_000));
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            long w = 0;
            for (int k = 7; k >= 0; k--) {
                w = (w << 8) | (b[k] & 0xff);
            }
            assertThat(LineProtocolNumbers.allDigits(w)).isTrue();
            assertThat(LineProtocolNumbers.eightDigits(w)).isEqualTo(Long.parseLong(s));
            long broken = w ^ (0x10L << (8 * r.nextInt(8))); // one byte leaves '0'..'9'
            assertThat(LineProtocolNumbers.allDigits(broken)).isFalse();
        }
        for (char c : new char[] {'/', ':', 'e', '.', '-', ' ', 0, 0xff}) {
            long w = 0x3030303030303030L;
            for (int k = 0; k < 8; k++) {
                long x = (w & ~(0xffL << (8 * k))) | ((long) (c & 0xff) << (8 * k));
                assertThat(LineProtocolNumbers.allDigits(x)).as("%c at %d", c, k).isFalse();
            }
        }
    }

    @Test
    void timestampsAtTheEdgesOfInt64() {
        String[][] cases = {
            {"9223372036854775807", "9223372036854775807"},
            {"9223372036854775808", null},
            {"9999999999999999999", null},
            {"1700000000000000000", "1700000000000000000"},
            {"999999999999999999", "999999999999999999"},
            {"-9223372036854775808", "-9223372036854775808"},
            {"-9223372036854775809", null},
            {"0", "0"},
            {"12a", null},
            {"1234567890123456789a", null},
        };
        for (String[] c : cases) {
            byte[] b = c[0].getBytes(StandardCharsets.US_ASCII);
            boolean ok = n.parseTimestamp(b, 0, b.length);
            assertThat(ok).as(c[0]).isEqualTo(c[1] != null);
            if (ok) {
                assertThat(n.longValue).as(c[0]).isEqualTo(Long.parseLong(c[1]));
            }
        }
    }

    @Test
    void theFastPathDeclinesWhatItDoesNotKnow() {
        for (String s :
                new String[] {
                    "1e3", "NaN", "+1", "01i", "1.5i", "-1u", "1x", "-", ".", "i", "t", "\"s\"",
                    "1\r"
                }) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(n.parseSimple(b, 0, b.length)).as(s).isEqualTo(-1);
        }
    }
}
