package io.condenser.jobs.bench.report;

import io.condenser.jobs.bench.BenchResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The run's results as people read them (a table, the cost model) and as files (CSV per figure
 * family, SVG plots of each), all from the same {@link BenchResult}s.
 */
public final class BenchReport {

    private BenchReport() {}

    /** The results table, one row per path. */
    public static String table(List<BenchResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(
                new String[] {
                    "path", "variant", "samples/s", "per core", "job", "broker", "producer",
                            "total",
                    "generator", "sink", "p50 ms", "p99 ms", "outputs", "match", "lost", "dup",
                    "resent", "wire B/s.", "broker B/s."
                });
        for (BenchResult r : results) {
            rows.add(
                    new String[] {
                        r.path().id(),
                        r.variant(),
                        String.format(Locale.ROOT, "%,.0f", r.samplesPerSecond()),
                        r.samplesPerCoreSecond() < 0
                                ? "-"
                                : String.format(Locale.ROOT, "%,.0f", r.samplesPerCoreSecond()),
                        cpu(r.jobCpu()),
                        cpu(r.brokerCpu()),
                        cpu(r.producerCpu()),
                        cpu(r.totalCpu()),
                        cpu(r.generatorCpu()),
                        cpu(r.sinkCpu()),
                        n(r.latencyP50Ms()),
                        n(r.latencyP99Ms()),
                        Long.toString(r.outputs()),
                        Boolean.toString(r.outputsMatchReference()),
                        n(r.lost()),
                        n(r.duplicated()),
                        Long.toString(r.resentOutputs()),
                        String.format(Locale.ROOT, "%.1f", r.wireBytesPerSample()),
                        r.brokerBytesPerSample() < 0
                                ? "-"
                                : String.format(Locale.ROOT, "%.1f", r.brokerBytesPerSample())
                    });
        }
        StringBuilder out =
                new StringBuilder(
                        "CPU columns: process CPU seconds per million samples accepted; total ="
                                + " job + broker + producer; per core = samples per CPU-second of that"
                                + " total\n");
        out.append(align(rows));
        for (BenchResult r : results) {
            int k = 1;
            for (BenchResult.Kill kill : r.kills()) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "%s kill %d: outputs flowing again after %s s; %,d samples accepted since"
                                        + " the last completed checkpoint%n",
                                r.path().id(),
                                k++,
                                kill.recoverySeconds() < 0
                                        ? "(never)"
                                        : String.format(
                                                Locale.ROOT, "%.1f", kill.recoverySeconds()),
                                kill.samplesAtRisk()));
            }
        }
        return out.toString();
    }

    /** The cost model's table. */
    public static String costTable(CostModel model, List<CostModel.Row> rows) {
        List<String[]> t = new ArrayList<>();
        t.add(
                new String[] {
                    "scale",
                    "path",
                    "samples/s",
                    "job cores",
                    "broker cores",
                    "producer cores",
                    "total cores",
                    "broker in MB/s",
                    "broker net MB/s",
                    "broker storage TB"
                });
        for (CostModel.Row r : rows) {
            t.add(
                    new String[] {
                        r.scale(),
                        r.path(),
                        String.format(Locale.ROOT, "%,.0f", r.samplesPerSecond()),
                        f1(r.jobCores()),
                        f1(r.brokerCores()),
                        f1(r.producerCores()),
                        f1(r.totalCores()),
                        f1(r.brokerIngressMBps()),
                        f1(r.brokerNetworkMBps()),
                        f1(r.brokerStorageTB())
                    });
        }
        return String.format(
                        Locale.ROOT,
                        "Cost model: replication factor %d, retention %s; broker cores x replication"
                                + " factor (measured with 1 replica)%n",
                        model.replicationFactor(),
                        io.condenser.rules.parse.DurationParser.format(model.retention()))
                + align(t);
    }

    /** {@code results.csv}, {@code cost.csv} and the SVG plots in {@code dir}. */
    public static void write(
            Path dir, List<BenchResult> results, CostModel model, List<CostModel.Row> cost)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv =
                new StringBuilder(
                        "path,variant,samples_per_s,samples_per_core_s,measured_s,accepted_samples,"
                                + "generated_samples,job_cpu_s_per_m,broker_cpu_s_per_m,"
                                + "producer_cpu_s_per_m,total_cpu_s_per_m,generator_cpu_s_per_m,"
                                + "sink_cpu_s_per_m,latency_p50_ms,latency_p99_ms,outputs,"
                                + "outputs_match_reference,lost,duplicated,resent_outputs,"
                                + "wire_bytes_per_sample,broker_bytes_per_sample,kills,"
                                + "recovery_s_max\n");
        for (BenchResult r : results) {
            double recovery =
                    r.kills().stream()
                            .mapToDouble(BenchResult.Kill::recoverySeconds)
                            .max()
                            .orElse(-1);
            csv.append(
                            String.join(
                                    ",",
                                    r.path().id(),
                                    r.variant().replace(',', ' '),
                                    f0(r.samplesPerSecond()),
                                    f0(r.samplesPerCoreSecond()),
                                    f1(r.measuredSeconds()),
                                    Long.toString(r.acceptedSamples()),
                                    Long.toString(r.generatedSamples()),
                                    cpu(r.jobCpu()),
                                    cpu(r.brokerCpu()),
                                    cpu(r.producerCpu()),
                                    cpu(r.totalCpu()),
                                    cpu(r.generatorCpu()),
                                    cpu(r.sinkCpu()),
                                    Long.toString(r.latencyP50Ms()),
                                    Long.toString(r.latencyP99Ms()),
                                    Long.toString(r.outputs()),
                                    Boolean.toString(r.outputsMatchReference()),
                                    Long.toString(r.lost()),
                                    Long.toString(r.duplicated()),
                                    Long.toString(r.resentOutputs()),
                                    f1(r.wireBytesPerSample()),
                                    f1(r.brokerBytesPerSample()),
                                    Integer.toString(r.kills().size()),
                                    f1(recovery)))
                    .append('\n');
        }
        Files.writeString(dir.resolve("results.csv"), csv);
        StringBuilder costCsv =
                new StringBuilder(
                        "scale,path,samples_per_s,job_cores,broker_cores,producer_cores,total_cores,"
                                + "broker_ingress_mb_per_s,broker_network_mb_per_s,broker_storage_tb,"
                                + "replication_factor,retention_h\n");
        for (CostModel.Row r : cost) {
            costCsv.append(
                            String.join(
                                    ",",
                                    r.scale().replace(',', ' '),
                                    r.path(),
                                    f0(r.samplesPerSecond()),
                                    f1(r.jobCores()),
                                    f1(r.brokerCores()),
                                    f1(r.producerCores()),
                                    f1(r.totalCores()),
                                    f1(r.brokerIngressMBps()),
                                    f1(r.brokerNetworkMBps()),
                                    f1(r.brokerStorageTB()),
                                    Integer.toString(model.replicationFactor()),
                                    Long.toString(model.retention().toHours())))
                    .append('\n');
        }
        Files.writeString(dir.resolve("cost.csv"), costCsv);
        plots(dir, results);
    }

    private static void plots(Path dir, List<BenchResult> results) throws IOException {
        List<String> paths =
                results.stream().map(r -> r.path().id() + " (" + r.variant() + ")").toList();
        Files.writeString(
                dir.resolve("throughput.svg"),
                SvgChart.bars(
                        "Samples per second: accepted, and per CPU-second of the path's processes",
                        "samples/s",
                        paths,
                        List.of(
                                series("accepted/s", results, BenchResult::samplesPerSecond),
                                series("per core", results, BenchResult::samplesPerCoreSecond)),
                        false));
        Files.writeString(
                dir.resolve("cpu.svg"),
                SvgChart.bars(
                        "CPU seconds per million samples, by process",
                        "CPU-s per 10^6 samples",
                        paths,
                        List.of(
                                series("job", results, BenchResult::jobCpu),
                                series("broker", results, BenchResult::brokerCpu),
                                series("producer", results, BenchResult::producerCpu),
                                series("generator", results, BenchResult::generatorCpu)),
                        true));
        Files.writeString(
                dir.resolve("latency.svg"),
                SvgChart.bars(
                        "Latency: sample created to output accepted, minus window and delay",
                        "ms",
                        paths,
                        List.of(
                                series("p50", results, r -> r.latencyP50Ms()),
                                series("p99", results, r -> r.latencyP99Ms())),
                        false));
    }

    private static SvgChart.Series series(
            String name,
            List<BenchResult> results,
            java.util.function.ToDoubleFunction<BenchResult> f) {
        return new SvgChart.Series(name, results.stream().mapToDouble(f).toArray());
    }

    static String align(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                sb.append(i == 0 ? "" : "  ");
                sb.append(i <= 1 ? pad(r[i], w[i], false) : pad(r[i], w[i], true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(w - s.length());
        return right ? fill + s : s + fill;
    }

    private static String cpu(double v) {
        return v < 0 ? "-1" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String n(long v) {
        return Long.toString(v);
    }

    private static String f0(double v) {
        return v < 0 ? "-1" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return v < 0 ? "-1" : String.format(Locale.ROOT, "%.1f", v);
    }
}
