package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.exposition.ExpositionTextParser;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.model.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of {@code rules preview}, one committed input per format: the command's table and
 * JSON output and its stderr must equal the committed files. After an intended change, rewrite them
 * with {@code -Dgolden.update=true} and review the diff.
 */
class RulesPreviewGoldenTest {

    static final Path DIR = Path.of("src/test/resources/preview");
    static final boolean UPDATE = Boolean.getBoolean("golden.update");

    record Case(String name, String reason, int exit, List<String> args) {
        @Override
        public String toString() {
            return name + ": " + reason;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "influx",
                        "Telegraf cpu and a counter via the prometheus measurement, a string field"
                                + " skipped and a NaN rejected; a limit too small and a rule"
                                + " matching nothing: exit 1",
                        1,
                        List.of("influx.rules.yaml", "--input", "influx.lp")),
                new Case(
                        "graphite",
                        "Graphite 1.1 tagged and templated paths, by [] and by [host], every rule"
                                + " within its limit: exit 0",
                        0,
                        List.of(
                                "graphite.rules.yaml",
                                "--input",
                                "graphite.txt",
                                "--template",
                                "servers.* .host.measurement.field.device")),
                new Case(
                        "remote-write",
                        "a remote-write body: counters with dedup_interval (per-series state), a"
                                + " selector leaving lo out, a staleness marker: exit 0",
                        0,
                        List.of("remote-write.rules.yaml", "--input", "remote-write.bin")));
    }

    static Stream<Arguments> casesAndFormats() {
        return cases().flatMap(c -> Stream.of(Arguments.of(c, "table"), Arguments.of(c, "json")));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("casesAndFormats")
    void previewMatchesGolden(Case c, String format) throws IOException {
        List<String> args = new ArrayList<>(List.of("rules", "preview", "--format", format));
        for (String a : c.args()) {
            args.add(Files.exists(DIR.resolve(a)) ? DIR.resolve(a).toString() : a);
        }
        ParseCommandTest.Run r = ParseCommandTest.run(args.toArray(new String[0]));
        String suffix = format.equals("json") ? ".json" : ".table.txt";
        golden(c.name() + suffix, r.out());
        golden(c.name() + ".stderr.txt", r.err());
        assertThat(r.exit()).as(c.reason()).isEqualTo(c.exit());
    }

    /** The remote-write input is binary: it must hold what its text form lists. */
    @Test
    void remoteWriteInputIsItsTextForm() throws IOException {
        Path bin = DIR.resolve("remote-write.bin");
        if (UPDATE) {
            Files.write(
                    bin,
                    RemoteWriteRequestEncoder.encode(samples(DIR.resolve("remote-write.txt"))));
        }
        ParseCommandTest.Run r =
                ParseCommandTest.run("parse", "--format", "remote-write", bin.toString());
        assertThat(r.exit()).isZero();
        // a body carries each series' samples together: the same samples, grouped by series
        assertThat(r.out().lines().sorted())
                .containsExactlyElementsOf(
                        Files.readAllLines(DIR.resolve("remote-write.txt")).stream()
                                .sorted()
                                .toList());
    }

    private static List<Sample> samples(Path text) throws IOException {
        List<Sample> out = new ArrayList<>();
        ExpositionTextParser parser = new ExpositionTextParser(() -> 0);
        for (String line : Files.readAllLines(text)) {
            boolean stale = line.contains(" StaleNaN ");
            byte[] b =
                    (stale ? line.replace(" StaleNaN ", " NaN ") : line)
                            .getBytes(StandardCharsets.UTF_8);
            parser.parse(
                    b,
                    new ParseListener() {
                        @Override
                        public void onSample(Sample s) {
                            out.add(
                                    stale
                                            ? Sample.staleMarker(
                                                    s.name(), s.labels(), s.timestampMs())
                                            : s);
                        }

                        @Override
                        public void onRejected(Rejection rejection) {
                            throw new IllegalArgumentException(rejection.toString());
                        }
                    });
        }
        return out;
    }

    private static void golden(String file, String actual) throws IOException {
        Path p = DIR.resolve(file);
        if (UPDATE) {
            Files.writeString(p, actual);
        }
        assertThat(actual).as(file).isEqualTo(Files.readString(p));
    }
}
