package io.condenser.jobs.functions;

import io.condenser.jobs.rules.RuleSetUpdate;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time comes from the metrics alone: the rule stream never moves it. Every rule-aware
 * operator takes the minimum of its inputs' watermarks, so the rule stream holds event time at the
 * start (no watermark) until the first rule set has passed — no window closes, and no sample is
 * judged late, before an operator knows its rules — and from then on stands at the end of time,
 * where it adds nothing to the minimum. The metric sources never go idle (a quiet reader's clock
 * follows its floor, see {@code ReaderClock}), so the minimum is always theirs: when the metrics go
 * quiet the operators do not follow the rule stream anywhere. After {@code graceMs} without any
 * rule set (a restore: the sets in force are in broadcast state and a source may not re-send them)
 * it steps aside as well.
 *
 * <p>Why the end of time and not idleness: in a task whose other input is a network input, an idle
 * rule input is re-activated by every rule update with no watermark of its own, and Flink reports
 * (and for a moment combines) the task's input watermark as {@code Long.MIN_VALUE} until the
 * generator marks it idle again; a watermark at the end of time is never below anything.
 */
public final class RuleStreamWatermarks implements WatermarkGenerator<RuleSetUpdate> {

    private static final Watermark END_OF_TIME = new Watermark(Long.MAX_VALUE);

    private final long graceMs;
    private final long startedAt = System.currentTimeMillis();
    private boolean released;

    public RuleStreamWatermarks(long graceMs) {
        this.graceMs = graceMs;
    }

    @Override
    public void onEvent(RuleSetUpdate event, long eventTimestamp, WatermarkOutput output) {
        released = true;
        output.emitWatermark(END_OF_TIME);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (!released && System.currentTimeMillis() - startedAt >= graceMs) {
            released = true;
        }
        if (released) {
            output.emitWatermark(END_OF_TIME);
        }
    }
}
