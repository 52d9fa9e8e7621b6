package io.condenser.connectors.graphite;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.condenser.connectors.parse.FuzzInputs;
import io.condenser.connectors.parse.ParseTranscript;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The parser never throws, never hangs, and what it reports is well-formed, on any input.
 *
 * <p>{@link #fuzz} is a Jazzer fuzz test: under plain {@code mvn verify} Jazzer only replays the
 * seed corpus in {@code GraphiteParserFuzzTestInputs/}; with {@code JAZZER_FUZZ=1} it fuzzes for
 * {@code maxExecutions} inputs. {@link #deterministicMutations} therefore drives the same checks
 * with mutated inputs from a fixed seed on every build.
 */
class GraphiteParserFuzzTest {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final List<String> TEMPLATES =
            List.of(
                    "servers.* .host.measurement.field*",
                    "a?.*.c host.measurement k=v",
                    "measurement.field");

    private static final GraphiteParser PLAIN = GraphiteParser.builder().clock(() -> 7).build();
    private static final GraphiteParser TEMPLATED =
            GraphiteParser.builder().templates(TEMPLATES).clock(() -> 7).pathCacheSize(8).build();

    @FuzzTest(maxExecutions = 200_000)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void fuzz(byte[] input) {
        check(PLAIN, input);
        check(TEMPLATED, input);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void deterministicMutations() {
        Random random = new Random(20261127L);
        Set<String> seen = new TreeSet<>();
        List<byte[]> seeds =
                List.of(
                        bytes("cpu.load 1.5 1700000000\n"),
                        bytes("collectd.web1.memory.memory-free 1.2e+09 1700000000.25\r\nb 2\n"),
                        bytes("disk.used;host=a;dc=eu 10 1700000000\n"),
                        bytes("servers.web-1.cpu.cpu0.idle 0.5 -1\na1.b.c.d -1e-3 1.7e9\n"),
                        bytes("a 1 2 3\nbroken\nx nan 1\n;t=1 1 1\na;b 1\n"));
        String alphabet = " \t\r\n.;=-+eE0123456789abcxyz*?_:é\"\\";
        for (int i = 0; i < 30_000; i++) {
            byte[] input =
                    FuzzInputs.mutate(random, seeds.get(random.nextInt(seeds.size())), alphabet);
            record(seen, check(PLAIN, input));
            record(seen, check(TEMPLATED, input));
        }
        // The mutations must reach both outcomes and the main error classes, or they prove little.
        assertThat(seen)
                .contains(
                        "sample",
                        "bad_value",
                        "bad_timestamp",
                        "missing_value",
                        "too_many_fields",
                        "bad_tag");
    }

    private static void record(Set<String> seen, ParseTranscript t) {
        if (!t.samples.isEmpty()) {
            seen.add("sample");
        }
        t.rejections.forEach(r -> seen.add(r.reason()));
    }

    private static ParseTranscript check(GraphiteParser parser, byte[] input) {
        ParseTranscript t = ParseTranscript.of(parser, input);
        long lines = 1;
        for (byte b : input) {
            if (b == '\n') {
                lines++;
            }
        }
        assertThat(t.samples.size() + t.rejections.size()).isLessThanOrEqualTo((int) lines);
        for (Sample s : t.samples) {
            assertThat(s.name()).matches(METRIC_NAME);
            assertThat(Double.isFinite(s.value())).isTrue();
            assertThat(s.timestampMs()).isGreaterThanOrEqualTo(0);
            for (int i = 0; i < s.labels().size(); i++) {
                assertThat(s.labels().name(i)).matches(LABEL_NAME).isNotEqualTo("__name__");
                assertThat(s.labels().value(i)).isNotEmpty();
            }
            assertThat(s.toString()).isNotEmpty();
        }
        for (Rejection r : t.rejections) {
            assertThat(r.lineNumber()).isBetween(1L, lines);
            assertThat(r.reason()).matches("[a-z_]+");
            assertThat(r.excerpt().length()).isLessThanOrEqualTo(Rejection.MAX_EXCERPT + 3);
        }
        return t;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
