package io.condenser.jobs.functions;

import io.condenser.jobs.rules.RuleSetUpdate;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time comes from the metrics alone: the rule stream never moves it. Every rule-aware
 * operator takes the minimum of its inputs' watermarks, ignoring idle inputs, so the rule stream
 * holds event time at the start (active, no watermark) until the first rule set has passed — no
 * window closes, and no sample is judged late, before an operator knows its rules — and is idle
 * from then on. An idle input adds nothing to the minimum, and when the metrics go quiet too the
 * operators hold their event time instead of following the rule stream anywhere. After {@code
 * graceMs} without any rule set (a restore: the sets in force are in broadcast state and a source
 * may not re-send them) it goes idle as well.
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
        output.markIdle();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!released && System.currentTimeMillis() - startedAt >= graceMs) {
            released = true;
        }
        if (released) {
            output.markIdle();
        }
    }
}
