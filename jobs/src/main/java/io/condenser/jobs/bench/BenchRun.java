package io.condenser.jobs.bench;

import io.condenser.jobs.bench.process.ProcCpu;
import io.condenser.jobs.bench.process.Repository;
import io.condenser.jobs.bench.process.ServerProcess;
import io.condenser.jobs.bench.report.BenchReport;
import io.condenser.jobs.bench.report.CostModel;
import io.condenser.jobs.bench.report.SvgChart;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.DurationParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./condenser bench}: the same generated traffic through each path, one after the other; one
 * {@code RESULT} line per path as soon as it is measured, then the table, the cost model, and CSV
 * and SVG files in the output directory.
 */
public final class BenchRun {

    private final BenchOptions o;
    private final String commandLine;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param commandLine the command as typed, written into the summary so it can be re-run
     * @param out RESULT lines, the table and the cost model
     * @param err progress
     */
    public BenchRun(BenchOptions o, String commandLine, PrintStream out, PrintStream err) {
        this.o = o;
        this.commandLine = commandLine;
        this.out = out;
        this.err = err;
    }

    /** The paths {@code --paths} means by default: all, peer only with victoria-metrics. */
    public static List<BenchPath> installedPaths() {
        List<BenchPath> paths = new ArrayList<>(List.of(BenchPath.DIRECT, BenchPath.KAFKA));
        if (ServerProcess.onPath("victoria-metrics")) {
            paths.add(BenchPath.PEER);
        }
        return paths;
    }

    /**
     * Checks what the run needs before anything starts.
     *
     * @throws IllegalStateException naming what is missing
     */
    static void checkPrerequisites(BenchOptions o, Repository repo) {
        if (!ProcCpu.available()) {
            throw new IllegalStateException("needs Linux /proc to measure process CPU time");
        }
        if (!Files.isRegularFile(repo.jobJar())) {
            throw new IllegalStateException(
                    "no job jar at " + repo.jobJar() + " (run ./condenser once)");
        }
        if (o.paths().contains(BenchPath.PEER) && !ServerProcess.onPath("victoria-metrics")) {
            throw new IllegalStateException(
                    "--paths peer needs victoria-metrics on the PATH (Debian: apt-get install"
                            + " victoria-metrics)");
        }
        if (o.sink() == BenchOptions.Sink.PROMETHEUS && !ServerProcess.onPath("prometheus")) {
            throw new IllegalStateException(
                    "--sink prometheus needs prometheus on the PATH (Debian: apt-get install prometheus)");
        }
    }

    public List<BenchResult> run() throws Exception {
        Repository repo = Repository.locate();
        checkPrerequisites(o, repo);
        Path outDir = o.out().toAbsolutePath();
        Files.createDirectories(outDir);
        RuleSet rules = BenchRules.writeDirectory(o.rules(), outDir.resolve("rules"));
        Machine machine = Machine.current();
        List<String> header = new ArrayList<>();
        header.add("command: " + commandLine);
        header.add("machine: " + machine.describe());
        header.add(
                String.format(
                        Locale.ROOT,
                        "traffic: %,d series (%d connections x %d hosts x %d, mix %s), rate %s, %s"
                                + " warm-up + %s measured, parallelism %d, checkpoints every %s, sink %s,"
                                + " %d rules (+ the accounting rule)",
                        o.generatedSeries(),
                        o.effectiveConnections(),
                        o.hostsPerConnection(),
                        o.mix().seriesPerHost(),
                        o.mix().name().toLowerCase(Locale.ROOT),
                        o.rate() == 0 ? "as fast as accepted" : o.rate() + " samples/s",
                        DurationParser.format(o.warmup()),
                        DurationParser.format(o.duration()),
                        o.parallelism(),
                        DurationParser.format(o.checkpointInterval()),
                        o.sink().id(),
                        rules.enabledRules().size() - 1));
        header.forEach(l -> err.println("condenser bench: " + l));
        List<BenchResult> results = new ArrayList<>();
        for (BenchPath path : o.paths()) {
            Path dir = outDir.resolve(path.id());
            BenchResult r =
                    new PathRunner(o, path, repo, outDir.resolve("rules"), rules, dir, err).run();
            results.add(r);
            out.println(r.resultLine());
            out.flush();
            if (!r.problems().isEmpty()) {
                Files.write(dir.resolve("differences.txt"), r.problems());
                err.printf(
                        "condenser bench: %s: %s (first of them in %s)%n",
                        path.id(), r.problems().get(0), dir.resolve("differences.txt"));
            }
        }
        CostModel model = new CostModel(o.replicationFactor(), o.retention());
        List<CostModel.Row> cost =
                model.rows(
                        results,
                        List.of(CostModel.ONE_GB_PER_SECOND, CostModel.TEN_TRILLION_A_DAY));
        String table = BenchReport.table(results);
        String costTable = BenchReport.costTable(model, cost);
        out.println();
        out.print(table);
        out.println();
        out.print(costTable);
        BenchReport.write(outDir, results, model, cost);
        writeTimeline(outDir, results);
        List<String> summary = new ArrayList<>(header);
        summary.add("load average at the end: " + Machine.currentLoadAverage());
        results.forEach(r -> summary.add(r.resultLine()));
        summary.add("");
        summary.add(table);
        summary.add(costTable);
        Files.write(outDir.resolve("summary.txt"), summary);
        err.println("condenser bench: results, CSV and SVG plots in " + outDir);
        return results;
    }

    private static void writeTimeline(Path dir, List<BenchResult> results) throws IOException {
        StringBuilder csv = new StringBuilder("path,t_s,accepted,accepted_per_s,outputs\n");
        List<double[][]> lines = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BenchResult r : results) {
            List<double[]> pts = new ArrayList<>();
            BenchResult.Progress prev = null;
            for (BenchResult.Progress p : r.timeline()) {
                double rate =
                        prev == null
                                ? 0
                                : (p.accepted() - prev.accepted())
                                        * 1000.0
                                        / Math.max(1, p.sinceStartMs() - prev.sinceStartMs());
                csv.append(
                        String.format(
                                Locale.ROOT,
                                "%s,%.1f,%d,%.0f,%d%n",
                                r.path().id(),
                                p.sinceStartMs() / 1000.0,
                                p.accepted(),
                                Math.max(0, rate),
                                p.outputs()));
                pts.add(new double[] {p.sinceStartMs() / 1000.0, Math.max(0, rate)});
                prev = p;
            }
            lines.add(pts.toArray(new double[0][]));
            names.add(r.path().id());
        }
        Files.writeString(dir.resolve("timeline.csv"), csv);
        Files.writeString(
                dir.resolve("timeline.svg"),
                SvgChart.lines(
                        "Samples accepted per second while the traffic ran",
                        "seconds since the traffic started",
                        "samples/s",
                        lines,
                        names));
    }
}
