package io.condenser.connectors.eventtime;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One reader's event time over its channels — an agent's connection, a Kafka partition: what
 * samples each has brought, which hold event time back, and what watermark the reader emits given
 * the coordinator's word ({@link JobTimeEvent}). Plain logic, driven by ticks of the wall clock.
 *
 * <ul>
 *   <li>A channel's watermark is its greatest timestamp (never later than the wall clock: a clock
 *       running ahead cannot move event time for everybody) minus the out-of-orderness.
 *   <li>A channel holds event time while it flows: it brought samples within {@code idleness}. A
 *       quiet channel stops holding; when it flows again it holds once its watermark has caught up
 *       with the one emitted (its samples in between are judged by their own timestamps).
 *   <li>The reader's watermark is the minimum over the channels that hold. With none, it follows
 *       the other readers (the coordinator's minimum over the active ones); with no reader active
 *       anywhere, event time holds — a pause never moves it — until the idle timeout, after which
 *       it follows the wall clock.
 *   <li>A channel that closes (an agent disconnected) while no live channel flows leaves its
 *       watermark as the reader's closed floor: what it sent is all in. With no channel flowing
 *       anywhere, event time may go as far as the lowest floor, so a burst that ends in a
 *       disconnect — even before the startup grace has passed — has its windows closed without
 *       waiting for the idle timeout.
 *   <li>Nothing moves before the coordinator says the startup grace has passed.
 * </ul>
 *
 * <p>Not thread-safe: the reader's task thread drives it.
 */
final class ReaderClock {

    /** One channel's progress. */
    static final class Channel {
        private long maxTimestampMs = Long.MIN_VALUE;
        private boolean fresh;
        private long lastDataAtMs = Long.MIN_VALUE;
        private boolean holding;
        private boolean released;
        private boolean registered;

        /** A sample of this channel (cheap: the hot path). */
        void observe(long timestampMs) {
            if (timestampMs > maxTimestampMs) {
                maxTimestampMs = timestampMs;
            }
            fresh = true;
        }

        boolean registered() {
            return registered;
        }
    }

    private final long outOfOrdernessMs;
    private final long idlenessMs;
    private final Map<String, Channel> channels = new HashMap<>();
    private final Channel main = new Channel();
    private long lastEmitted = Long.MIN_VALUE;
    private long lastInputAtMs = Long.MIN_VALUE;
    private long closedFloorMs = Long.MIN_VALUE;
    private JobTimeEvent job = new JobTimeEvent(false, Long.MIN_VALUE, false);
    private ReaderTimeReport report = new ReaderTimeReport(false, Long.MIN_VALUE, Long.MIN_VALUE);

    ReaderClock(EventTimeConfig config) {
        this.outOfOrdernessMs = config.outOfOrderness().toMillis();
        this.idlenessMs = config.idleness().toMillis();
        main.registered = true;
    }

    /** The channel of this id, created (or registered again) when needed. */
    Channel channel(String id) {
        Channel c = channels.get(id);
        if (c == null) {
            c = new Channel();
            c.registered = true;
            channels.put(id, c);
        }
        c.released = false;
        return c;
    }

    /** A channel that was let go after a quiet spell and brought samples again. */
    void register(String id, Channel c) {
        c.registered = true;
        channels.put(id, c);
    }

    /** Samples that came outside any channel. */
    Channel main() {
        return main;
    }

    /** The channel is gone (a closed connection); what it brought still counts at the next tick. */
    void release(String id) {
        Channel c = channels.get(id);
        if (c != null) {
            c.released = true;
        }
    }

    void onJobTime(JobTimeEvent event) {
        this.job = event;
    }

    /** What the last tick found, for the coordinator. */
    ReaderTimeReport report() {
        return report;
    }

    long lastEmitted() {
        return lastEmitted;
    }

    int channels() {
        return channels.size();
    }

    /**
     * One tick of the wall clock.
     *
     * @return the watermark to emit now, or Long.MIN_VALUE for none
     */
    long tick(long nowMs) {
        boolean active = false;
        boolean liveFlowing = false;
        long closedNow = Long.MIN_VALUE;
        long local = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, Channel>> it = channels.entrySet().iterator();
                it.hasNext(); ) {
            Channel c = it.next().getValue();
            long wm = visit(c, nowMs);
            if (wm != Long.MIN_VALUE) {
                active = true;
                liveFlowing |= !c.released;
                local = Math.min(local, wm);
            }
            if (c.released && c.maxTimestampMs != Long.MIN_VALUE) {
                long closed = channelWatermark(c, nowMs);
                closedNow = closedNow == Long.MIN_VALUE ? closed : Math.min(closedNow, closed);
            }
            if (c.released || (!c.holding && quietSince(c, nowMs))) {
                // quiet channels come back by themselves when they bring samples again
                c.registered = false;
                it.remove();
            }
        }
        long wm = visit(main, nowMs);
        if (wm != Long.MIN_VALUE) {
            active = true;
            liveFlowing = true;
            local = Math.min(local, wm);
        }
        closedFloorMs = closedFloor(liveFlowing, closedNow);
        report =
                new ReaderTimeReport(
                        active, active ? local : Long.MIN_VALUE, lastInputAtMs, closedFloorMs);
        if (!job.started()) {
            return Long.MIN_VALUE;
        }
        long candidate;
        if (active) {
            candidate = local;
        } else if (job.timedOut()) {
            candidate = nowMs - outOfOrdernessMs;
        } else {
            candidate = job.activeWatermarkMs();
        }
        if (candidate > lastEmitted) {
            lastEmitted = candidate;
            return candidate;
        }
        return Long.MIN_VALUE;
    }

    /** The channel's watermark when it holds event time, else Long.MIN_VALUE. */
    private long visit(Channel c, long nowMs) {
        if (c.fresh) {
            c.fresh = false;
            c.lastDataAtMs = nowMs;
            lastInputAtMs = nowMs;
        }
        if (c.lastDataAtMs == Long.MIN_VALUE || nowMs - c.lastDataAtMs >= idlenessMs) {
            c.holding = false;
            return Long.MIN_VALUE;
        }
        long wm = channelWatermark(c, nowMs);
        if (!c.holding) {
            c.holding = lastEmitted == Long.MIN_VALUE || wm >= lastEmitted;
        }
        return c.holding ? wm : Long.MIN_VALUE;
    }

    /**
     * The lowest watermark of the channels closed since live traffic last flowed here. Live traffic
     * clears it: its own watermark rules then, and a channel that closed meanwhile was held for.
     * The lowest, not the highest: agents that drop together (a network blip) and come back with
     * their backlogs must find event time no further than the one furthest behind.
     */
    private long closedFloor(boolean liveFlowing, long closedNow) {
        if (liveFlowing) {
            return Long.MIN_VALUE;
        }
        if (closedNow == Long.MIN_VALUE) {
            return closedFloorMs;
        }
        return closedFloorMs == Long.MIN_VALUE ? closedNow : Math.min(closedFloorMs, closedNow);
    }

    private long channelWatermark(Channel c, long nowMs) {
        return Math.min(c.maxTimestampMs, nowMs) - outOfOrdernessMs - 1;
    }

    private boolean quietSince(Channel c, long nowMs) {
        return c.lastDataAtMs == Long.MIN_VALUE ? false : nowMs - c.lastDataAtMs >= idlenessMs;
    }
}
