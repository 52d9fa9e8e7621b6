package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The benchmark figures behind docs/benchmarks.md's plots stay consistent: every CSV in
 * docs/bench-results is rectangular (a row is split on commas, the figures hold none), and has its
 * SVG, rendered by scripts/bench-plots.sh and shown by the page. Rendering needs gnuplot, which CI
 * lacks, so the SVGs are committed and this only checks that they are there.
 */
class BenchPlotsTest {

    static final Path RESULTS = DeployFilesTest.ROOT.resolve("docs/bench-results");
    static final Path IMG = DeployFilesTest.ROOT.resolve("docs/img");

    @Test
    void everyCsvIsRectangularWithAHeaderAndData() throws IOException {
        List<Path> csvs = csvs();
        assertThat(csvs).hasSizeGreaterThanOrEqualTo(6);
        for (Path csv : csvs) {
            List<String> lines =
                    Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).as(csv + ": a header and at least one row").hasSizeGreaterThan(1);
            String[] header = lines.get(0).split(",", -1);
            assertThat(header).as(csv + ": header names").allMatch(h -> h.matches("[a-z0-9_]+"));
            for (int i = 1; i < lines.size(); i++) {
                assertThat(lines.get(i).split(",", -1))
                        .as(csv + " line " + (i + 1) + ": " + lines.get(i))
                        .hasSize(header.length);
            }
        }
    }

    @Test
    void everyCsvHasItsSvgShownInBenchmarksMd() throws IOException {
        String page = Files.readString(DeployFilesTest.ROOT.resolve("docs/benchmarks.md"));
        for (Path csv : csvs()) {
            String name = csv.getFileName().toString().replaceFirst("\\.csv$", "");
            Path svg = IMG.resolve("bench-" + name + ".svg");
            assertThat(svg).as("rendered by scripts/bench-plots.sh").isRegularFile();
            assertThat(Files.readString(svg)).as(svg.toString()).contains("<svg");
            assertThat(page).contains("](img/bench-" + name + ".svg)");
        }
    }

    @Test
    void theRenderScriptIsThere() {
        assertThat(DeployFilesTest.ROOT.resolve("scripts/bench-plots.sh")).isExecutable();
    }

    private static List<Path> csvs() throws IOException {
        try (Stream<Path> files = Files.list(RESULTS)) {
            return files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
    }
}
