package io.condenser.jobs.bench;

import io.condenser.model.Sample;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The samples the benchmarked job reads, and how many it has accepted so far. */
interface BenchTraffic extends AutoCloseable {

    /** Adds the source to the job. */
    DataStream<Sample> attach(StreamExecutionEnvironment env);

    /** Called once the job's tasks all run: starts any traffic from outside the job. */
    void start(BenchRest rest) throws Exception;

    /**
     * Samples the job's source accepted so far, a running total (the harness takes differences).
     */
    long accepted();

    /** Distinct series the traffic sends. */
    int series();

    /** Samples an outside load generator wrote over the whole run, -1 without one. */
    long loadGeneratorSamplesSent();

    @Override
    void close() throws Exception;
}
