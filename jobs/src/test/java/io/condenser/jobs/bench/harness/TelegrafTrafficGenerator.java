package io.condenser.jobs.bench.harness;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Telegraf-shaped samples for {@code DataGeneratorSource}: ten metrics (cpu, disk, diskio, net,
 * http) × a second label with ten values × hosts, i.e. {@code series} active series split evenly
 * over the source subtasks, visited round-robin. Event time is the wall clock at generation, so a
 * window's end in event time is (to the watermark's bound) the same instant in wall-clock time.
 * Counters grow by one per visit, gauges cycle over 0..99. Labels are built once in {@link #open}:
 * the benchmark measures the job, not label construction (the parsers have their own benchmarks).
 */
final class TelegrafTrafficGenerator implements GeneratorFunction<Long, Sample> {

    private static final long serialVersionUID = 1L;

    /** Samples generated in this JVM (the MiniCluster runs in it); read by the harness. */
    static final LongAdder GENERATED = new LongAdder();

    private static final String[] NAMES = {
        "cpu_usage_idle",
        "cpu_usage_user",
        "cpu_usage_system",
        "cpu_usage_iowait",
        "disk_used_percent",
        "diskio_read_bytes",
        "diskio_write_bytes",
        "net_bytes_recv",
        "net_bytes_sent",
        "http_requests_total"
    };
    private static final String[] SECOND_LABEL = {
        "cpu", "cpu", "cpu", "cpu", "path", "name", "name", "interface", "interface", "code"
    };
    private static final boolean[] COUNTER = {
        false, false, false, false, false, true, true, true, true, true
    };

    private final int series;
    private transient Sample[] templates;
    private transient long[] counters;
    private transient boolean[] isCounter;
    private transient int next;

    TelegrafTrafficGenerator(int series) {
        if (series < 100 || series % 100 != 0) {
            throw new IllegalArgumentException("series must be a multiple of 100, got " + series);
        }
        this.series = series;
    }

    @Override
    public void open(SourceReaderContext context) {
        int parallelism = context.currentParallelism();
        int subtask = context.getIndexOfSubtask();
        int from = (int) ((long) series * subtask / parallelism);
        int to = (int) ((long) series * (subtask + 1) / parallelism);
        templates = new Sample[to - from];
        isCounter = new boolean[to - from];
        for (int s = from; s < to; s++) {
            int metric = s % 10;
            int second = (s / 10) % 10;
            int host = s / 100;
            Labels labels =
                    Labels.of(
                            "host",
                            "host-" + host,
                            "region",
                            "region-" + (host % 4),
                            SECOND_LABEL[metric],
                            secondValue(metric, second));
            templates[s - from] = Sample.of(NAMES[metric], labels, 0, 0);
            isCounter[s - from] = COUNTER[metric];
        }
        counters = new long[templates.length];
    }

    private static String secondValue(int metric, int v) {
        return switch (SECOND_LABEL[metric]) {
            case "cpu" -> v == 0 ? "cpu-total" : "cpu" + v;
            case "path" -> v == 0 ? "/dev/shm" : "/data" + v;
            case "interface" -> v == 0 ? "lo" : "eth" + v;
            case "code" -> Integer.toString(v < 7 ? 200 : 500 + v);
            default -> "sd" + (char) ('a' + v);
        };
    }

    @Override
    public Sample map(Long ignored) {
        int i = next;
        next = i + 1 == templates.length ? 0 : i + 1;
        Sample t = templates[i];
        long visit = counters[i]++;
        double value = isCounter[i] ? visit : (visit * 37 + i) % 100;
        GENERATED.increment();
        return t.withValue(System.currentTimeMillis(), value);
    }
}
