package io.condenser.jobs.functions;

import io.condenser.jobs.rules.RuleSetUpdate;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * The rule stream carries no event time; every rule-aware operator takes the minimum watermark of
 * its two inputs, so the rule input announces "no time constraint" (the maximum watermark) and
 * event time is the metrics' alone.
 */
public final class RuleStreamWatermarks implements WatermarkGenerator<RuleSetUpdate> {

    @Override
    public void onEvent(RuleSetUpdate event, long eventTimestamp, WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }
}
