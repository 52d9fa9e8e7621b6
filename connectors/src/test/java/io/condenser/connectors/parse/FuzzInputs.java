package io.condenser.connectors.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Deterministic input mutations for parser robustness tests that must mean something without a
 * fuzzing engine: byte flips, insertions from an alphabet of characters that matter to the format,
 * deletions, duplications, truncation and random bytes.
 */
public final class FuzzInputs {

    private FuzzInputs() {}

    public static byte[] mutate(Random random, byte[] seed, String alphabet) {
        byte[] chars = alphabet.getBytes(StandardCharsets.UTF_8);
        byte[] b = seed.clone();
        int rounds = 1 + random.nextInt(6);
        for (int r = 0; r < rounds; r++) {
            int pos = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> { // flip one bit
                    if (b.length > 0) {
                        b[pos] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> b = insert(b, pos, new byte[] {chars[random.nextInt(chars.length)]});
                case 2 -> { // delete a run
                    if (b.length > 0) {
                        int n = 1 + random.nextInt(Math.min(8, b.length - pos));
                        b = concat(Arrays.copyOf(b, pos), Arrays.copyOfRange(b, pos + n, b.length));
                    }
                }
                case 3 -> { // duplicate a run
                    if (b.length > 0) {
                        int n = 1 + random.nextInt(Math.min(16, b.length - pos));
                        b = insert(b, pos, Arrays.copyOfRange(b, pos, pos + n));
                    }
                }
                case 4 -> b = Arrays.copyOf(b, pos); // truncate
                case 5 -> { // overwrite with a random byte
                    if (b.length > 0) {
                        b[pos] = (byte) random.nextInt(256);
                    }
                }
                default -> { // random bytes
                    byte[] junk = new byte[random.nextInt(12)];
                    random.nextBytes(junk);
                    b = insert(b, pos, junk);
                }
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int pos, byte[] what) {
        return concat(concat(Arrays.copyOf(b, pos), what), Arrays.copyOfRange(b, pos, b.length));
    }

    private static byte[] concat(byte[] a, byte[] c) {
        byte[] out = Arrays.copyOf(a, a.length + c.length);
        System.arraycopy(c, 0, out, a.length, c.length);
        return out;
    }
}
