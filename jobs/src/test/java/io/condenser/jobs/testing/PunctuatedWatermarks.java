package io.condenser.jobs.testing;

import io.condenser.model.Sample;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/** Watermark = greatest timestamp so far − bound, emitted after every sample (deterministic). */
public final class PunctuatedWatermarks implements WatermarkGenerator<Sample> {

    private final long boundMs;
    private long max = Long.MIN_VALUE;

    public PunctuatedWatermarks(long boundMs) {
        this.boundMs = boundMs;
    }

    @Override
    public void onEvent(Sample event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp > max) {
            max = eventTimestamp;
            output.emitWatermark(new Watermark(max - boundMs));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
}
