package io.condenser.connectors.lineprotocol;

import io.condenser.connectors.parse.PrometheusNames;
import io.condenser.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the head of a line (measurement and tag set, everything before the first unescaped space)
 * into a {@link Head}: the measurement with its field-name cache, and the one {@link Labels} object
 * every sample of the line shares. Heads are cached by their raw bytes, so a repeated series costs
 * one hash and one comparison.
 *
 * <p>Escapes follow Telegraf's parser (plugins/parsers/influx/escape.go), which is the inverse of
 * its serializer: in the measurement {@code \,} and {@code \ } are unescaped; in tag keys, tag
 * values and field keys {@code \,} {@code \=} and {@code \ }. Any other backslash is an ordinary
 * character (Telegraf writes a backslash in a tag unescaped), except before a tab, CR, LF or form
 * feed, which the grammar rejects.
 */
final class SeriesHeads {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final int MAX_HEADS = 16_384;
    static final int MAX_MEASUREMENTS = 1_024;
    static final int MAX_FIELDS_PER_MEASUREMENT = 1_024;
    static final int MAX_REMEMBERED_FIELDS = 64;

    /** What a field key means within one measurement. */
    static final class FieldName {
        final String key;

        /** The sanitised sample name, or null when nothing valid remains of it. */
        final String metricName;

        /** Cached hashes: duplicate checks within a line compare ints before strings. */
        final int keyHash;

        final int nameHash;

        FieldName(String key, String metricName) {
            this.key = key;
            this.metricName = metricName;
            this.keyHash = key.hashCode();
            this.nameHash = metricName == null ? 0 : metricName.hashCode();
        }

        boolean sameKey(FieldName o) {
            return o == this || (o.keyHash == keyHash && o.key.equals(key));
        }

        boolean sameMetric(FieldName o) {
            return o.metricName != null
                    && (o == this || (o.nameHash == nameHash && o.metricName.equals(metricName)));
        }
    }

    /** A measurement and the sample names of the field keys seen with it. */
    static final class Measurement {
        final String name;
        final ByteKeyCache<FieldName> fields = new ByteKeyCache<>(MAX_FIELDS_PER_MEASUREMENT);

        Measurement(String name) {
            this.name = name;
        }

        FieldName field(byte[] buf, int off, int len, byte[] scratch) {
            int h = ByteKeyCache.hash(buf, off, len);
            FieldName f = fields.get(buf, off, len, h);
            if (f == null) {
                String key = unescape(buf, off, off + len, true, scratch);
                // Telegraf's MetricName: the measurement "prometheus" contributes nothing.
                String raw = "prometheus".equals(name) ? key : name + "_" + key;
                f = new FieldName(key, PrometheusNames.sanitizeMetricName(raw));
                fields.put(buf, off, len, h, f);
            }
            return f;
        }
    }

    /** A parsed head: shared by every line with the same raw bytes. */
    static final class Head {
        final Measurement measurement;
        final Labels labels;

        /** Tags that gave no label (name empty after sanitising, or {@code __name__}). */
        final int droppedTags;

        // The field keys of the last line with this head, by position: Telegraf writes a series'
        // fields in the same order every time, so a byte comparison finds the name without
        // hashing. Bounded to the first MAX_REMEMBERED_FIELDS positions.
        private byte[][] keys = new byte[0][];
        private FieldName[] names = new FieldName[0];

        Head(Measurement measurement, Labels labels, int droppedTags) {
            this.measurement = measurement;
            this.labels = labels;
            this.droppedTags = droppedTags;
        }

        // How many leading positions of the layout are known to hold distinct keys and names (so
        // a line matching them needs no duplicate check); see LineProtocolParser.
        private int verifiedLen;

        /** The name of the field key at position j of the line. */
        FieldName field(int j, byte[] buf, int off, int len, SeriesHeads heads) {
            if (j < keys.length) {
                byte[] k = keys[j];
                if (k != null && k.length == len && sameBytes(k, buf, off, len)) {
                    return names[j];
                }
            }
            verifiedLen = Math.min(verifiedLen, j);
            FieldName f = measurement.field(buf, off, len, heads.scratch(len));
            if (j < MAX_REMEMBERED_FIELDS) {
                if (j >= keys.length) {
                    keys = Arrays.copyOf(keys, j + 1);
                    names = Arrays.copyOf(names, j + 1);
                }
                keys[j] = Arrays.copyOfRange(buf, off, off + len);
                names[j] = f;
            }
            return f;
        }

        /** True when position j was a layout hit known to be duplicate-free. */
        boolean verified(int j) {
            return j < verifiedLen;
        }

        /** After a valid line of n fields: its layout is now the remembered one. */
        void lineDone(int n, boolean unique) {
            verifiedLen = unique && n <= keys.length ? n : 0;
        }
    }

    private final ByteKeyCache<Head> heads = new ByteKeyCache<>(MAX_HEADS);
    private final ByteKeyCache<Measurement> measurements = new ByteKeyCache<>(MAX_MEASUREMENTS);
    private final Labels.Builder labels = Labels.builder();
    private byte[] scratch = new byte[256];

    /** A scratch buffer of at least n bytes for unescaping. */
    byte[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new byte[Math.max(2 * scratch.length, n)];
        }
        return scratch;
    }

    /** Set when {@link #resolve} returns null. */
    String errorReason;

    String errorDetail;

    /** The head of {@code buf[s, e)}, or null with {@link #errorReason} set. */
    Head resolve(byte[] buf, int s, int e) {
        int h = ByteKeyCache.hash(buf, s, e - s);
        Head head = heads.get(buf, s, e - s, h);
        if (head == null) {
            head = parse(buf, s, e);
            if (head != null) {
                heads.put(buf, s, e - s, h, head);
            }
        }
        return head;
    }

    private Head parse(byte[] buf, int s, int e) {
        scratch(e - s);
        int i = s;
        while (i < e && buf[i] != ',') {
            if (buf[i] == '\\' && i + 1 < e) {
                byte n = buf[i + 1];
                if (isControl(n)) {
                    return fail(
                            LineProtocolReasons.BAD_MEASUREMENT,
                            "backslash before a control character in the measurement");
                }
                i += isEscapable(n) ? 2 : 1;
            } else if (buf[i] == '\r' || buf[i] == '\n') {
                return fail(
                        LineProtocolReasons.BAD_MEASUREMENT, "raw line break in the measurement");
            } else {
                i++;
            }
        }
        if (i == s) {
            return fail(
                    LineProtocolReasons.MISSING_MEASUREMENT,
                    "the line starts with ',': no measurement before the tags");
        }
        Measurement m = measurement(buf, s, i);
        labels.clear();
        int dropped = 0;
        while (i < e) {
            int keyStart = ++i; // skip ','
            int keyEnd = scanTagPart(buf, keyStart, e, true);
            if (keyEnd < 0) {
                return null;
            }
            if (keyEnd == keyStart) {
                return fail(LineProtocolReasons.BAD_TAG, "empty tag key");
            }
            if (keyEnd == e || buf[keyEnd] != '=') {
                return fail(
                        LineProtocolReasons.BAD_TAG,
                        "tag '" + text(buf, keyStart, keyEnd) + "' has no '=' and value");
            }
            int valStart = keyEnd + 1;
            int valEnd = scanTagPart(buf, valStart, e, false);
            if (valEnd < 0) {
                return null;
            }
            if (valEnd < e && buf[valEnd] == '=') {
                return fail(
                        LineProtocolReasons.BAD_TAG,
                        "unescaped '=' in the value of tag '" + text(buf, keyStart, keyEnd) + "'");
            }
            if (valEnd == valStart) {
                return fail(
                        LineProtocolReasons.BAD_TAG,
                        "empty value for tag '" + text(buf, keyStart, keyEnd) + "'");
            }
            String name =
                    PrometheusNames.sanitizeLabelName(
                            unescape(buf, keyStart, keyEnd, true, scratch));
            if (name == null || name.equals("__name__")) {
                dropped++;
            } else {
                labels.set(name, unescape(buf, valStart, valEnd, true, scratch));
            }
            i = valEnd;
        }
        return new Head(m, labels.build(), dropped);
    }

    private Measurement measurement(byte[] buf, int s, int e) {
        int h = ByteKeyCache.hash(buf, s, e - s);
        Measurement m = measurements.get(buf, s, e - s, h);
        if (m == null) {
            m = new Measurement(unescape(buf, s, e, false, scratch));
            measurements.put(buf, s, e - s, h, m);
        }
        return m;
    }

    /**
     * The end of a tag key (at an unescaped {@code =} or {@code ,}) or value (at an unescaped
     * {@code ,} or {@code =}), or -1 with the error set.
     */
    private int scanTagPart(byte[] buf, int i, int e, boolean key) {
        while (i < e) {
            byte b = buf[i];
            if (b == '\\' && i + 1 < e) {
                byte n = buf[i + 1];
                if (isControl(n)) {
                    fail(
                            LineProtocolReasons.BAD_TAG,
                            "backslash before a control character in a tag");
                    return -1;
                }
                i += isEscapable(n) ? 2 : 1;
            } else if (b == ',' || b == '=') {
                return i;
            } else if (b == '\r' || b == '\n') {
                fail(
                        LineProtocolReasons.BAD_TAG,
                        "raw line break in a tag " + (key ? "key" : "value"));
                return -1;
            } else {
                i++;
            }
        }
        return e;
    }

    private Head fail(String reason, String detail) {
        errorReason = reason;
        errorDetail = detail;
        return null;
    }

    /** Backslash escapes: {@code , space} everywhere, {@code =} too outside the measurement. */
    /** Short keys: a plain loop beats the vectorised {@code Arrays.equals} setup. */
    static boolean sameBytes(byte[] k, byte[] buf, int off, int len) {
        if (len >= 8) {
            // Eight bytes per step; the last word overlaps the one before.
            for (int i = 0; i < len - 8; i += 8) {
                if ((long) LONGS.get(k, i) != (long) LONGS.get(buf, off + i)) {
                    return false;
                }
            }
            return (long) LONGS.get(k, len - 8) == (long) LONGS.get(buf, off + len - 8);
        }
        for (int i = 0; i < len; i++) {
            if (k[i] != buf[off + i]) {
                return false;
            }
        }
        return true;
    }

    static String unescape(byte[] buf, int s, int e, boolean equalsToo, byte[] scratch) {
        int n = 0;
        for (int i = s; i < e; i++) {
            byte b = buf[i];
            if (b == '\\' && i + 1 < e) {
                byte next = buf[i + 1];
                if (next == ',' || next == ' ' || (equalsToo && next == '=')) {
                    scratch[n++] = next;
                    i++;
                    continue;
                }
            }
            scratch[n++] = b;
        }
        return new String(scratch, 0, n, StandardCharsets.UTF_8);
    }

    static boolean isEscapable(byte b) {
        return b == ',' || b == '=' || b == ' ';
    }

    static boolean isControl(byte b) {
        return b == '\t' || b == '\n' || b == '\f' || b == '\r';
    }

    static String text(byte[] buf, int s, int e) {
        return new String(buf, s, Math.min(e - s, 80), StandardCharsets.UTF_8);
    }
}
