package io.condenser.jobs.bench;

import java.util.List;
import java.util.Locale;

/**
 * What one path measured. CPU figures are seconds of process CPU time per million samples the path
 * accepted during the measurement, -1 where the component does not exist on that path.
 *
 * @param path the path
 * @param variant how it ran, for the table ({@code tcp}, {@code http on-checkpoint}, {@code kafka
 *     none}, ...)
 * @param samplesPerSecond samples accepted per second of the measurement
 * @param measuredSeconds the measurement's length
 * @param acceptedSamples samples accepted during the measurement
 * @param generatedSamples samples the generator made over the whole run
 * @param jobCpu the job's processes (TaskManager and JobManager; VictoriaMetrics for peer)
 * @param brokerCpu the Kafka broker's JVM
 * @param producerCpu the Kafka producer process (Telegraf's outputs.kafka)
 * @param generatorCpu the load generator process (the agents' own work)
 * @param sinkCpu the receiver the job writes to (Prometheus), -1 when it is the benchmark itself
 * @param latencyP50Ms creation to acceptance, per output window, minus window length and delay
 * @param outputs output samples compared
 * @param outputsMatchReference every compared output equals the reference's
 * @param lost input samples the outputs miss
 * @param duplicated input samples the outputs count twice
 * @param resentOutputs output samples the receiver got more than once
 * @param wireBytesPerSample line-protocol bytes the generator wrote per sample
 * @param brokerBytesPerSample bytes the broker stores per sample (one replica), -1 without
 * @param kills one entry per TaskManager kill
 * @param timeline the run's once-a-second readings
 * @param problems the first differences from the reference, for the report
 */
public record BenchResult(
        BenchPath path,
        String variant,
        double samplesPerSecond,
        double measuredSeconds,
        long acceptedSamples,
        long generatedSamples,
        double jobCpu,
        double brokerCpu,
        double producerCpu,
        double generatorCpu,
        double sinkCpu,
        long latencyP50Ms,
        long latencyP99Ms,
        long outputs,
        boolean outputsMatchReference,
        long lost,
        long duplicated,
        long resentOutputs,
        double wireBytesPerSample,
        double brokerBytesPerSample,
        List<Kill> kills,
        List<Progress> timeline,
        List<String> problems) {

    /** A once-a-second reading: samples accepted and outputs received since the traffic began. */
    public record Progress(long sinceStartMs, long accepted, long outputs) {}

    /** One {@code kill -9} of the TaskManager. */
    public record Kill(long atMs, double recoverySeconds, long samplesAtRisk) {}

    /** The CPU the path costs beyond the agents: job + broker + producer (those that exist). */
    public double totalCpu() {
        double sum = 0;
        for (double c : new double[] {jobCpu, brokerCpu, producerCpu}) {
            if (c >= 0) {
                sum += c;
            }
        }
        return sum;
    }

    /** Samples per second per core the path's own processes use: 10⁶ / total CPU-s per 10⁶. */
    public double samplesPerCoreSecond() {
        return totalCpu() > 0 ? 1e6 / totalCpu() : -1;
    }

    /** The exact line: {@code RESULT path=... duplicated=...}. */
    public String resultLine() {
        return String.format(
                Locale.ROOT,
                "RESULT path=%s samples_per_s=%d job_cpu_s_per_m=%s broker_cpu_s_per_m=%s"
                        + " producer_cpu_s_per_m=%s total_cpu_s_per_m=%s latency_p50_ms=%d"
                        + " latency_p99_ms=%d outputs=%d outputs_match_reference=%s lost=%d"
                        + " duplicated=%d",
                path.id(),
                Math.round(samplesPerSecond),
                cpu(jobCpu),
                cpu(brokerCpu),
                cpu(producerCpu),
                cpu(totalCpu()),
                latencyP50Ms,
                latencyP99Ms,
                outputs,
                outputsMatchReference,
                lost,
                duplicated);
    }

    /** Three decimals, or {@code -1} for a component that does not exist. */
    static String cpu(double v) {
        return v < 0 ? "-1" : String.format(Locale.ROOT, "%.3f", v);
    }
}
