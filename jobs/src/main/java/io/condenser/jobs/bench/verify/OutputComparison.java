package io.condenser.jobs.bench.verify;

import io.condenser.rules.model.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the receiver accepted against the {@link Reference}, for the windows both have complete. Per
 * output sample the first accepted value counts (a TSDB keeps the first and refuses a conflicting
 * later one); a later delivery of the same sample is a resend.
 *
 * <ul>
 *   <li>{@code matches}: every expected sample arrived with its value (1e-9 relative; quantiles
 *       within the reference's rank band), and nothing else arrived.
 *   <li>{@code lostSamples} / {@code duplicatedSamples}: input samples, from the accounting rule (a
 *       {@code count_samples} of every sample per window): the reference's count minus the job's,
 *       window by window, where the job counted fewer (lost) or more (counted twice).
 * </ul>
 */
public final class OutputComparison {

    /** Relative tolerance of exact outputs (sums in another order differ in the last bits). */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    private static final int EXAMPLES = 20;

    /** The comparison's figures. */
    public record Result(
            long expected,
            long received,
            long missing,
            long unexpected,
            long mismatched,
            long resent,
            long lostSamples,
            long duplicatedSamples,
            List<String> examples,
            long[] latenciesMs) {

        public boolean matches() {
            return missing == 0 && unexpected == 0 && mismatched == 0;
        }
    }

    private OutputComparison() {}

    /**
     * @param accountingRule the name of the rule counting every input sample; without its outputs
     *     lost and duplicated are -1
     * @param latencyFromMs only windows ending at or after this (the end of the warm-up) count
     *     toward latency
     */
    public static Result compare(
            Reference reference,
            List<ReceivedOutputs.Received> received,
            String accountingRule,
            long latencyFromMs) {
        long maxDelay = 0;
        for (Reference.Expected e : reference.expected().values()) {
            maxDelay = Math.max(maxDelay, e.rule().delay().toMillis());
        }
        long cut = reference.cutWatermarkMs();
        Map<String, ReceivedOutputs.Received> first = new LinkedHashMap<>();
        long resent = 0;
        for (ReceivedOutputs.Received r : received) {
            Rule rule = reference.ruleOf(r.series());
            long delay = rule == null ? maxDelay : rule.delay().toMillis();
            if (r.timestampMs() + delay > cut) {
                continue; // a window the traffic did not close: not compared
            }
            if (first.putIfAbsent(r.key(), r) != null) {
                resent++;
            }
        }
        List<String> examples = new ArrayList<>();
        long missing = 0;
        long mismatched = 0;
        long lost = 0;
        long duplicated = 0;
        boolean accounted = false;
        List<Long> latencies = new ArrayList<>();
        for (Reference.Expected e : reference.expected().values()) {
            ReceivedOutputs.Received got = first.get(e.key());
            boolean accounting = e.rule().name().equals(accountingRule);
            accounted |= accounting;
            if (got == null) {
                missing++;
                example(examples, "missing " + e.sample());
                if (accounting) {
                    lost += (long) e.sample().value();
                }
                continue;
            }
            if (e.sample().timestampMs() >= latencyFromMs) {
                latencies.add(
                        got.acceptedMs() - e.sample().timestampMs() - e.rule().delay().toMillis());
            }
            if (!agrees(e, got)) {
                mismatched++;
                example(
                        examples,
                        "value "
                                + e.sample()
                                + ": got "
                                + got.value()
                                + (e.approximate()
                                        ? " (band " + e.bandLow() + " .. " + e.bandHigh() + ")"
                                        : ""));
            }
            if (accounting && !e.sample().stale()) {
                long want = (long) e.sample().value();
                long have = (long) got.value();
                lost += Math.max(0, want - have);
                duplicated += Math.max(0, have - want);
            }
        }
        long unexpected = 0;
        for (Map.Entry<String, ReceivedOutputs.Received> g : first.entrySet()) {
            if (!reference.expected().containsKey(g.getKey())) {
                unexpected++;
                ReceivedOutputs.Received r = g.getValue();
                example(
                        examples,
                        "unexpected " + r.series() + " " + r.value() + " @" + r.timestampMs());
            }
        }
        long[] lat = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(lat);
        return new Result(
                reference.expected().size(),
                first.size(),
                missing,
                unexpected,
                mismatched,
                resent,
                accounted ? lost : -1,
                accounted ? duplicated : -1,
                examples,
                lat);
    }

    static boolean agrees(Reference.Expected e, ReceivedOutputs.Received got) {
        if (e.sample().stale() || got.stale()) {
            return e.sample().stale() == got.stale();
        }
        double want = e.sample().value();
        double have = got.value();
        if (e.approximate()) {
            return have >= e.bandLow() && have <= e.bandHigh();
        }
        if (Double.isNaN(want) || Double.isNaN(have)) {
            return Double.isNaN(want) && Double.isNaN(have);
        }
        return Math.abs(have - want) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(want));
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < EXAMPLES) {
            examples.add(text);
        }
    }
}
