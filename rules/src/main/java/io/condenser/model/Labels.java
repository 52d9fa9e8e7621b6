package io.condenser.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable label set: sorted by name, names unique, no empty values (Prometheus treats an empty
 * value as an absent label, so we drop it on the way in rather than carry two spellings of one
 * series). The metric name is not a label here; {@link Sample} carries it.
 */
public final class Labels {

    public static final Labels EMPTY = new Labels(new String[0]);

    /** name0, value0, name1, value1, ... sorted by name. */
    private final String[] pairs;

    private long hash;
    private boolean hashed;

    private Labels(String[] pairs) {
        this.pairs = pairs;
    }

    /** Labels from alternating names and values; later duplicates win, empty values are dropped. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "labels need name/value pairs, got " + namesAndValues.length + " strings");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.set(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    public static Labels fromMap(Map<String, String> labels) {
        Builder b = builder();
        labels.forEach(b::set);
        return b.build();
    }

    /**
     * Wraps pairs that the caller guarantees are already sorted, unique and non-empty (serializers
     * reading what they wrote). Not for parsers of outside input: use {@link #builder()}.
     */
    public static Labels trustedSorted(String[] pairs) {
        return pairs.length == 0 ? EMPTY : new Labels(pairs);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int index) {
        return pairs[2 * index];
    }

    public String value(int index) {
        return pairs[2 * index + 1];
    }

    /** The value of a label, or null when absent. Binary search: the pairs are sorted. */
    public String get(String name) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c == 0) {
                return pairs[2 * mid + 1];
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return null;
    }

    /** A new label set with one label set (or removed when value is null or empty). */
    public Labels with(String name, String value) {
        Builder b = toBuilder();
        b.set(name, value);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < size(); i++) {
            b.set(name(i), value(i));
        }
        return b;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < size(); i++) {
            m.put(name(i), value(i));
        }
        return m;
    }

    /** A 64-bit hash stable across JVMs and releases, see {@link SeriesHash}. */
    public long hash64() {
        if (!hashed) {
            long h = SeriesHash.SEED;
            for (String p : pairs) {
                h = SeriesHash.mix(h, p);
            }
            hash = h;
            hashed = true;
        }
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof Labels && Arrays.equals(pairs, ((Labels) o).pairs);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash64());
    }

    /** Prometheus selector form: {@code {a="x",b="y"}}, values escaped as in the text format. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        sb.append('{');
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(name(i)).append("=\"");
            escapeValue(value(i), sb);
            sb.append('"');
        }
        sb.append('}');
    }

    static void escapeValue(String v, StringBuilder sb) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
    }

    /**
     * Collects labels in any order; {@link #build()} hands back the sorted set. Kept as a sorted
     * array with binary-search insertion rather than a TreeMap: label sets are small and parsers
     * build one per line on the hot path.
     */
    public static final class Builder {
        private String[] pairs = new String[16];
        private int count;

        private Builder() {}

        /** Sets a label; a null or empty value removes it. */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "label name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("label name must not be empty");
            }
            if (value == null || value.isEmpty()) {
                return remove(name);
            }
            int idx = indexOf(name);
            if (idx >= 0) {
                pairs[2 * idx + 1] = value;
                return this;
            }
            int at = -idx - 1;
            if (2 * (count + 1) > pairs.length) {
                pairs = Arrays.copyOf(pairs, pairs.length * 2);
            }
            System.arraycopy(pairs, 2 * at, pairs, 2 * at + 2, 2 * (count - at));
            pairs[2 * at] = name;
            pairs[2 * at + 1] = value;
            count++;
            return this;
        }

        public Builder remove(String name) {
            int idx = indexOf(name);
            if (idx >= 0) {
                System.arraycopy(pairs, 2 * idx + 2, pairs, 2 * idx, 2 * (count - idx - 1));
                count--;
                pairs[2 * count] = null;
                pairs[2 * count + 1] = null;
            }
            return this;
        }

        public int size() {
            return count;
        }

        /** Forgets every label, so a parser can reuse one builder per line. */
        public Builder clear() {
            Arrays.fill(pairs, 0, 2 * count, null);
            count = 0;
            return this;
        }

        public Labels build() {
            return count == 0 ? EMPTY : new Labels(Arrays.copyOf(pairs, 2 * count));
        }

        private int indexOf(String name) {
            int lo = 0;
            int hi = count - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = pairs[2 * mid].compareTo(name);
                if (c == 0) {
                    return mid;
                } else if (c < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return -(lo + 1);
        }
    }
}
