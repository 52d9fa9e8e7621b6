package io.condenser.rules.aggregate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * A stable 64-bit id for a series: MurmurHash3 (DataSketches' implementation) of its sorted label
 * pairs. Stable across JVMs and releases (state stores it), unlike String.hashCode-based ids it is
 * 64 bits wide, so collisions stay negligible for millions of series.
 */
public final class SeriesIds {

    private static final long SEED = 0x5eed_c0de_1234L;

    private SeriesIds() {}

    /**
     * @param sortedLabels label pairs sorted by name ({@code __name__} included)
     */
    public static long of(List<Map.Entry<String, String>> sortedLabels) {
        StringBuilder sb = new StringBuilder(64);
        for (Map.Entry<String, String> e : sortedLabels) {
            // 0xff never occurs in UTF-8: an unambiguous separator
            sb.append(e.getKey()).append('\u00ff').append(e.getValue()).append('\u00ff');
        }
        return of(sb.toString());
    }

    public static long of(String canonical) {
        return MurmurHash3.hash(canonical.getBytes(StandardCharsets.UTF_8), SEED)[0];
    }
}
