package io.condenser.connectors.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * The load generator's lines: batch {@code seq} of one worker, a pure function of the options, the
 * worker, the batch number and its creation time. The generator calls it with the wall clock; a
 * benchmark that logged {@code (worker, seq, createdMs)} per batch ({@link BatchLog}) calls it
 * again afterwards and gets the identical bytes, so it knows exactly what was sent without
 * recording it.
 *
 * <p>Every line of a batch carries the creation time in nanoseconds plus an offset below one
 * millisecond (distinct timestamps within a batch, the same millisecond).
 */
public final class LoadGeneratorBatches {
    private static final int TELEGRAF_LINES_PER_HOST = 50;
    private static final String[] HTTP_CODES = {
        "200", "201", "204", "301", "304", "400", "404", "500", "502", "503"
    };

    private final int worker;
    private final LineProtocolLoadGenerator.Options options;
    private int lastSamples;

    public LoadGeneratorBatches(int worker, LineProtocolLoadGenerator.Options options) {
        this.worker = worker;
        this.options = options;
    }

    /** Samples (fields) in the batch {@link #batch} returned last. */
    public int lastSamples() {
        return lastSamples;
    }

    /**
     * Batch {@code seq} (0, 1, ...) of this worker: lines {@code seq × batchLines} onwards, all
     * stamped {@code createdMs}.
     */
    public byte[] batch(long seq, long createdMs) {
        StringBuilder sb = new StringBuilder(options.batchLines() * 100);
        long nowNs = createdMs * 1_000_000L;
        long first = seq * options.batchLines();
        lastSamples = 0;
        for (int i = 0; i < options.batchLines(); i++) {
            long n = first + i;
            if (options.mix() == LineProtocolLoadGenerator.Mix.CPU) {
                cpuLine(sb, n);
                lastSamples += LineProtocolLoadGenerator.SAMPLES_PER_LINE;
            } else {
                lastSamples += telegrafLine(sb, n);
            }
            sb.append(' ').append(nowNs + n % 1_000_000).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void cpuLine(StringBuilder sb, long n) {
        int host = (int) ((n / 8) % options.hosts());
        int cpu = (int) (n % 8);
        double v = (n % 1000) / 10.0;
        sb.append("cpu,cpu=cpu")
                .append(cpu)
                .append(",host=host-")
                .append(worker)
                .append('-')
                .append(host)
                .append(" usage_user=")
                .append(v)
                .append(",usage_system=")
                .append(v / 2)
                .append(",usage_idle=")
                .append(100 - v);
    }

    /** Appends line {@code n} of the telegraf mix without its timestamp; returns its fields. */
    private int telegrafLine(StringBuilder sb, long n) {
        int k = (int) (n % TELEGRAF_LINES_PER_HOST);
        long perRound = (long) TELEGRAF_LINES_PER_HOST * options.hosts();
        int host = (int) ((n / TELEGRAF_LINES_PER_HOST) % options.hosts());
        long round = n / perRound; // counters grow by round: monotonic per series
        int second = k % 10;
        double gauge = (round * 37 + k) % 100;
        switch (k / 10) {
            case 0 -> sb.append("cpu,cpu=").append(second == 0 ? "cpu-total" : "cpu" + second);
            case 1 -> sb.append("disk,path=").append(second == 0 ? "/dev/shm" : "/data" + second);
            case 2 -> sb.append("diskio,name=sd").append((char) ('a' + second));
            case 3 -> sb.append("net,interface=").append(second == 0 ? "lo" : "eth" + second);
            default -> sb.append("http,code=").append(HTTP_CODES[second]);
        }
        sb.append(",host=host-")
                .append(worker)
                .append('-')
                .append(host)
                .append(",region=region-")
                .append(host % 4);
        return switch (k / 10) {
            case 0 -> {
                sb.append(" usage_idle=").append(gauge);
                sb.append(",usage_user=").append(gauge / 2);
                sb.append(",usage_system=").append(gauge / 4);
                sb.append(",usage_iowait=").append(gauge / 8);
                yield 4;
            }
            case 1 -> {
                sb.append(" used_percent=").append(gauge);
                yield 1;
            }
            case 2 -> {
                sb.append(" read_bytes=").append(round * 4096).append('i');
                sb.append(",write_bytes=").append(round * 8192).append('i');
                yield 2;
            }
            case 3 -> {
                sb.append(" bytes_recv=").append(round * 1500).append('i');
                sb.append(",bytes_sent=").append(round * 700).append('i');
                yield 2;
            }
            default -> {
                sb.append(" requests_total=").append(round * 3).append('i');
                yield 1;
            }
        };
    }
}
