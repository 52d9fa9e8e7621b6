package io.condenser.jobs.bench.report;

import io.condenser.jobs.bench.BenchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a path needs at a scale, from what it measured: cores = samples/s × CPU-s per 10⁶ samples ÷
 * 10⁶, per component; for the Kafka path the broker's traffic and storage from its bytes per stored
 * sample, with a replication factor and a retention as parameters. The broker's CPU was measured
 * with one replica; each further replica fetches and writes the same bytes once more, so broker
 * cores scale with the replication factor (an estimate, stated as such).
 */
public final class CostModel {

    /** Databricks' regional figure, as the issue states it: 1 GB/s ≈ 10 million samples/s. */
    public static final Scale ONE_GB_PER_SECOND = new Scale("1 GB/s (10 M samples/s)", 10e6);

    /** 10 trillion samples a day. */
    public static final Scale TEN_TRILLION_A_DAY =
            new Scale("10 trillion samples/day", 10e12 / 86_400);

    /** A load to size for. */
    public record Scale(String name, double samplesPerSecond) {}

    /**
     * One path at one scale. Cores are whole-machine CPU seconds per second; -1 where the component
     * does not exist.
     */
    public record Row(
            String path,
            String scale,
            double samplesPerSecond,
            double jobCores,
            double brokerCores,
            double producerCores,
            double totalCores,
            double brokerIngressMBps,
            double brokerNetworkMBps,
            double brokerStorageTB) {}

    private final int replicationFactor;
    private final Duration retention;

    public CostModel(int replicationFactor, Duration retention) {
        this.replicationFactor = replicationFactor;
        this.retention = retention;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public Duration retention() {
        return retention;
    }

    public List<Row> rows(List<BenchResult> results, List<Scale> scales) {
        List<Row> rows = new ArrayList<>();
        for (Scale s : scales) {
            for (BenchResult r : results) {
                rows.add(row(r, s));
            }
        }
        return rows;
    }

    public Row row(BenchResult r, Scale s) {
        double rate = s.samplesPerSecond();
        double job = cores(rate, r.jobCpu());
        double broker = r.brokerCpu() < 0 ? -1 : cores(rate, r.brokerCpu()) * replicationFactor;
        double producer = cores(rate, r.producerCpu());
        double total = Math.max(0, job) + Math.max(0, broker) + Math.max(0, producer);
        double ingress = r.brokerBytesPerSample() < 0 ? -1 : rate * r.brokerBytesPerSample() / 1e6;
        // producer -> leader, leader -> (RF - 1) followers, leader -> the job's consumer
        double network = ingress < 0 ? -1 : ingress * (replicationFactor + 1);
        double storage =
                ingress < 0 ? -1 : ingress * 1e6 * replicationFactor * retention.toSeconds() / 1e12;
        return new Row(
                r.path().id(),
                s.name(),
                rate,
                job,
                broker,
                producer,
                total,
                ingress,
                network,
                storage);
    }

    private static double cores(double samplesPerSecond, double cpuSecondsPerMillion) {
        return cpuSecondsPerMillion < 0 ? -1 : samplesPerSecond * cpuSecondsPerMillion / 1e6;
    }
}
