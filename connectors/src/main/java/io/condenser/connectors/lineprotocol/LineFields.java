package io.condenser.connectors.lineprotocol;

import io.condenser.connectors.lineprotocol.SeriesHeads.FieldName;
import io.condenser.connectors.lineprotocol.SeriesHeads.Head;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.model.Sample;
import java.util.Arrays;

/**
 * The fields of the line being parsed, held until the whole line is known to be valid (a bad
 * timestamp rejects fields already read), then emitted as samples. Duplicates resolve as in
 * Telegraf: a repeated field key replaces the earlier value (a string replaces a number too), and
 * of two numeric fields that sanitise to the same sample name the later one wins.
 */
final class LineFields {

    private FieldName[] names = new FieldName[16];
    private double[] values = new double[16];
    private boolean[] strings = new boolean[16];
    private int count;

    // One bit per key hash (and per name hash): a line whose keys and names all differ, the usual
    // case, is never scanned for duplicates.
    private long keyBits;
    private long nameBits;
    private boolean maybeSameName;
    private boolean replaced;

    /**
     * Adds a field; {@code distinct} promises that its key and name differ from every field added
     * so far (the line follows a series layout already checked), which skips the check.
     */
    void add(FieldName name, double value, boolean isString, boolean distinct) {
        long keyBit = 1L << (name.keyHash & 63);
        long nameBit = 1L << (name.nameHash & 63);
        if (!distinct) {
            if ((keyBits & keyBit) != 0) {
                for (int j = 0; j < count; j++) {
                    if (names[j].sameKey(name)) {
                        values[j] = value;
                        strings[j] = isString;
                        names[j] = name;
                        replaced = true;
                        return;
                    }
                }
            }
            maybeSameName |= (nameBits & nameBit) != 0;
        }
        keyBits |= keyBit;
        nameBits |= nameBit;
        if (count == names.length) {
            names = Arrays.copyOf(names, 2 * count);
            values = Arrays.copyOf(values, 2 * count);
            strings = Arrays.copyOf(strings, 2 * count);
        }
        names[count] = name;
        values[count] = value;
        strings[count] = isString;
        count++;
    }

    /**
     * One sample per surviving numeric field, all sharing the head's labels; then clears.
     *
     * @return true when the line's keys and names were all distinct
     */
    boolean emit(Head head, long ts, ParseListener l) {
        boolean unique = !replaced;
        int stringFields = 0;
        int invalid = 0;
        for (int j = 0; j < count; j++) {
            if (strings[j]) {
                stringFields++;
                continue;
            }
            String metric = names[j].metricName;
            if (metric == null) {
                invalid++;
                continue;
            }
            if (maybeSameName && supersededLater(j)) {
                unique = false;
            } else {
                l.onSample(Sample.of(metric, head.labels, ts, values[j]));
            }
        }
        if (stringFields > 0) {
            l.onSkipped(LineProtocolParser.SKIPPED_STRING_FIELD, stringFields);
        }
        if (invalid > 0) {
            l.onSkipped(LineProtocolParser.SKIPPED_INVALID_NAME, invalid);
        }
        if (head.droppedTags > 0) {
            l.onSkipped(LineProtocolParser.SKIPPED_INVALID_LABEL, head.droppedTags);
        }
        clear();
        return unique;
    }

    void clear() {
        // names[] is not nulled: its entries are cached FieldNames anyway, and null stores cost
        // a GC barrier each on the hot path.
        count = 0;
        keyBits = 0;
        nameBits = 0;
        maybeSameName = false;
        replaced = false;
    }

    private boolean supersededLater(int j) {
        for (int k = j + 1; k < count; k++) {
            if (!strings[k] && names[j].sameMetric(names[k])) {
                return true;
            }
        }
        return false;
    }
}
