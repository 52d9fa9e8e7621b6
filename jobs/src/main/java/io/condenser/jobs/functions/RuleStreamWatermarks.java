package io.condenser.jobs.functions;

import io.condenser.jobs.rules.RuleSetUpdate;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time of every rule-aware operator is the minimum of its two inputs' watermarks. The rule
 * stream holds it at the start until the first rule set has passed (so no window closes, and no
 * sample is judged late, before an operator knows its rules), then announces "no time constraint"
 * (the maximum watermark) and event time is the metrics' alone. After {@code graceMs} without any
 * rule set (a restore: the set in force is in broadcast state and a source may not re-send it) it
 * lets go as well.
 */
public final class RuleStreamWatermarks implements WatermarkGenerator<RuleSetUpdate> {

    private final long graceMs;
    private final long startedAt = System.currentTimeMillis();
    private boolean released;

    public RuleStreamWatermarks(long graceMs) {
        this.graceMs = graceMs;
    }

    @Override
    public void onEvent(RuleSetUpdate event, long eventTimestamp, WatermarkOutput output) {
        released = true;
        output.emitWatermark(new Watermark(Long.MAX_VALUE));
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!released && System.currentTimeMillis() - startedAt >= graceMs) {
            released = true;
        }
        if (released) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
