package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.bench.TelegrafCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bounded mutation fuzzing that runs in every build (Jazzer's regression mode only replays its
 * corpus): the golden inputs and Telegraf lines, mutated from a fixed seed with the bytes that
 * matter to line protocol (separators, escapes, quotes, newlines, digits, suffixes). Each input
 * must parse without an exception, the same way whole and framed in odd chunks, and the framer must
 * give the same lines for any chunk size.
 */
class LineProtocolMutationTest {

    static final int INPUTS = 20_000;
    private static final byte[] ALPHABET =
            ", =\\\"\n\r\t#tfTFiue-+.0123456789Nax\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void mutatedInputsNeverBreakTheParser() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (GoldenCase c : GoldenCase.load("/lineprotocol/golden.txt")) {
            seeds.add(c.input());
        }
        seeds.add(TelegrafCorpus.bytes(1, 1, 7));
        Random r = new Random(20261127L);
        // One long-lived parser sees every input: its caches (heads, names, field layouts) must
        // never make it answer differently from a fresh parser.
        LineProtocolParser shared =
                LineProtocolParser.builder().clock(() -> 1L).maxLineBytes(200).build();
        for (int n = 0; n < INPUTS; n++) {
            byte[] in = mutate(seeds.get(r.nextInt(seeds.size())), seeds, r);
            try {
                LineProtocolParserFuzzTest.check(in);
                GoldenCase.Recorder fresh = new GoldenCase.Recorder();
                LineProtocolParser.builder()
                        .clock(() -> 1L)
                        .maxLineBytes(200)
                        .build()
                        .parse(in, fresh);
                GoldenCase.Recorder reused = new GoldenCase.Recorder();
                shared.parse(in, reused);
                assertThat(reused.result()).isEqualTo(fresh.result());
                int chunk = 1 + r.nextInt(16);
                assertThat(LineProtocolParserFuzzTest.framed(in, chunk, 24))
                        .isEqualTo(LineProtocolParserFuzzTest.framed(in, in.length + 1, 24));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "input #" + n + ": " + new String(in, StandardCharsets.ISO_8859_1), e);
            }
        }
    }

    static byte[] mutate(byte[] seed, List<byte[]> seeds, Random r) {
        byte[] b = seed.clone();
        int rounds = 1 + r.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            int pos = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            switch (r.nextInt(6)) {
                case 0: // overwrite a byte
                    if (b.length > 0) {
                        b[Math.min(pos, b.length - 1)] = ALPHABET[r.nextInt(ALPHABET.length)];
                    }
                    break;
                case 1: // insert a byte
                    b = insert(b, pos, new byte[] {ALPHABET[r.nextInt(ALPHABET.length)]});
                    break;
                case 2: // delete a range
                    if (b.length > 0) {
                        int from = Math.min(pos, b.length - 1);
                        int to = Math.min(b.length, from + 1 + r.nextInt(8));
                        byte[] c = new byte[b.length - (to - from)];
                        System.arraycopy(b, 0, c, 0, from);
                        System.arraycopy(b, to, c, from, b.length - to);
                        b = c;
                    }
                    break;
                case 3: // duplicate a range
                    if (b.length > 0) {
                        int from = Math.min(pos, b.length - 1);
                        int to = Math.min(b.length, from + 1 + r.nextInt(16));
                        b = insert(b, from, Arrays.copyOfRange(b, from, to));
                    }
                    break;
                case 4: // splice in part of another seed
                    byte[] o = seeds.get(r.nextInt(seeds.size()));
                    if (o.length > 0) {
                        int from = r.nextInt(o.length);
                        int to = Math.min(o.length, from + 1 + r.nextInt(32));
                        b = insert(b, pos, Arrays.copyOfRange(o, from, to));
                    }
                    break;
                default: // random bytes
                    byte[] rnd = new byte[1 + r.nextInt(4)];
                    r.nextBytes(rnd);
                    b = insert(b, pos, rnd);
            }
        }
        return b;
    }

    private static byte[] insert(byte[] b, int pos, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, pos);
        System.arraycopy(what, 0, c, pos, what.length);
        System.arraycopy(b, pos, c, pos + what.length, b.length - pos);
        return c;
    }
}
