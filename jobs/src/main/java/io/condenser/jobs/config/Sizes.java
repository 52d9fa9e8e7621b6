package io.condenser.jobs.config;

import org.apache.flink.configuration.MemorySize;

/**
 * Sizes in configuration and flags, spelled as Flink's own options are ({@code 64kb}, {@code
 * 32mb}).
 */
public final class Sizes {

    private Sizes() {}

    /**
     * @throws IllegalArgumentException naming the value, for a bad or negative size
     */
    public static long parse(String text) {
        try {
            return MemorySize.parse(text.trim()).getBytes();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size (bytes, or a number with b, kb, mb or gb)", e);
        }
    }
}
