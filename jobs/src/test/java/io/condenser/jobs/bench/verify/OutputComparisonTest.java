package io.condenser.jobs.bench.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.loadgen.BatchLog;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.connectors.loadgen.LoadGeneratorBatches;
import io.condenser.jobs.bench.BenchRules;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference over rebuilt traffic, and the comparison against what a receiver got: a perfect
 * copy matches; a missing, changed, repeated or extra sample is found; lost and double-counted
 * input samples come out of the accounting rule; quantiles are checked against the rank band.
 */
class OutputComparisonTest {

    static final long T0 = 1_700_000_000_000L; // a whole second
    static final String RULES =
            "rules:\n"
                    + "  - {name: cpu, match: cpu_usage_idle, interval: 1s, by: [host], outputs: [sum_samples, count_samples]}\n"
                    + "  - {name: disk, match: disk_used_percent, interval: 2s, by: [], outputs: ['quantiles(0.5, 0.99)']}\n"
                    + "  - {name: net, match: net_bytes_recv, interval: 1s, delay: 1s, without: [interface], outputs: [rate_sum]}\n";

    static RuleSet rules;
    static TrafficReplay replay;
    static Reference reference;

    @BeforeAll
    static void evaluate() {
        TreeMap<String, String> files = new TreeMap<>();
        files.put("r.yaml", RULES);
        files.put(BenchRules.ACCOUNTING_FILE, BenchRules.accountingYaml(Duration.ofSeconds(1)));
        RuleSetLoader.Result loaded = RuleSetLoader.loadTexts(files, 1);
        assertThat(loaded.problems()).isEmpty();
        rules = loaded.ruleSet();
        LineProtocolLoadGenerator.Options g =
                new LineProtocolLoadGenerator.Options(
                        URI.create("tcp://127.0.0.1:1"),
                        2,
                        0,
                        Duration.ofSeconds(10),
                        100,
                        4,
                        false,
                        0,
                        LineProtocolLoadGenerator.Mix.TELEGRAF);
        List<BatchLog.Entry> log = new ArrayList<>();
        for (int worker = 0; worker < 2; worker++) {
            LoadGeneratorBatches b = new LoadGeneratorBatches(worker, g);
            for (int seq = 0; seq < 40; seq++) {
                long created = T0 + seq * 250L + worker;
                byte[] bytes = b.batch(seq, created);
                log.add(
                        new BatchLog.Entry(
                                worker, seq, created, created + 5, b.lastSamples(), bytes.length));
            }
        }
        replay = new TrafficReplay(g, log);
        // the job's window stage got to 8.5 s: windows ending by then (net: end + 1 s delay)
        reference = Reference.evaluate(rules, replay, T0 + 8_500);
    }

    /** What a perfect receiver gets: every expected sample once, accepted 100 ms after its end. */
    static List<ReceivedOutputs.Received> perfect() {
        List<ReceivedOutputs.Received> out = new ArrayList<>();
        for (Reference.Expected e : reference.expected().values()) {
            double v = e.approximate() ? (e.bandLow() + e.bandHigh()) / 2 : e.sample().value();
            out.add(
                    new ReceivedOutputs.Received(
                            e.sample().series(),
                            e.sample().timestampMs(),
                            v,
                            e.sample().stale(),
                            e.sample().timestampMs() + e.rule().delay().toMillis() + 100));
        }
        return out;
    }

    @Test
    void theReferenceKeepsOnlyWindowsTheWatermarkClosed() {
        assertThat(replay.samples()).isEqualTo(2 * 40 * 200);
        assertThat(reference.inputSamples()).isEqualTo(replay.samples());
        for (Reference.Expected e : reference.expected().values()) {
            assertThat(e.sample().timestampMs() + e.rule().delay().toMillis())
                    .isLessThanOrEqualTo(T0 + 8_500);
        }
        assertThat(reference.expected().values())
                .extracting(e -> e.rule().name())
                .contains("cpu", "disk", "net", BenchRules.ACCOUNTING_RULE);
        // accounting: every sample of the closed windows, once
        long counted =
                reference.expected().values().stream()
                        .filter(e -> e.rule().name().equals(BenchRules.ACCOUNTING_RULE))
                        .mapToLong(e -> (long) e.sample().value())
                        .sum();
        assertThat(counted).isEqualTo(replay.samplesCreated(T0, T0 + 8_000));
    }

    @Test
    void quantilesCarryARankBandAroundTheReferenceValue() {
        List<Reference.Expected> q =
                reference.expected().values().stream()
                        .filter(Reference.Expected::approximate)
                        .toList();
        assertThat(q).isNotEmpty();
        for (Reference.Expected e : q) {
            assertThat(e.sample().series()).contains("quantile=");
            assertThat(e.bandLow()).isLessThanOrEqualTo(e.sample().value());
            assertThat(e.bandHigh()).isGreaterThanOrEqualTo(e.sample().value());
        }
    }

    @Test
    void aPerfectCopyMatchesWithNothingLost() {
        OutputComparison.Result r =
                OutputComparison.compare(reference, perfect(), BenchRules.ACCOUNTING_RULE, T0);
        assertThat(r.examples()).isEmpty();
        assertThat(r.matches()).isTrue();
        assertThat(r.expected()).isEqualTo(r.received()).isPositive();
        assertThat(r.lostSamples()).isZero();
        assertThat(r.duplicatedSamples()).isZero();
        assertThat(r.resent()).isZero();
        assertThat(r.latenciesMs()).isNotEmpty().containsOnly(100L);
    }

    @Test
    void windowsPastTheCutAreNotCompared() {
        List<ReceivedOutputs.Received> got = perfect();
        got.add(
                new ReceivedOutputs.Received(
                        "cpu_usage_idle:1s_by_host_sum_samples{host=\"host-0-0\"}",
                        T0 + 9_000,
                        1,
                        false,
                        T0 + 9_100));
        assertThat(
                        OutputComparison.compare(reference, got, BenchRules.ACCOUNTING_RULE, T0)
                                .matches())
                .isTrue();
    }

    @Test
    void missingChangedRepeatedAndExtraSamplesAreFound() {
        List<ReceivedOutputs.Received> got = perfect();
        ReceivedOutputs.Received first = got.remove(0);
        ReceivedOutputs.Received second = got.get(0);
        got.set(
                0,
                new ReceivedOutputs.Received(
                        second.series(),
                        second.timestampMs(),
                        second.value() + 1,
                        false,
                        second.acceptedMs()));
        got.add(got.get(1)); // delivered twice: the first value counts
        got.add(
                new ReceivedOutputs.Received(
                        "nobody_asked_for_this", T0 + 1_000, 1, false, T0 + 1_100));
        OutputComparison.Result r =
                OutputComparison.compare(reference, got, BenchRules.ACCOUNTING_RULE, T0);
        assertThat(r.matches()).isFalse();
        assertThat(r.missing()).isEqualTo(1);
        assertThat(r.mismatched()).isEqualTo(1);
        assertThat(r.resent()).isEqualTo(1);
        assertThat(r.unexpected()).isEqualTo(1);
        assertThat(r.examples()).anyMatch(x -> x.startsWith("missing " + first.series()));
    }

    @Test
    void theAccountingRuleCountsLostAndDoubleCountedSamples() {
        List<ReceivedOutputs.Received> got = new ArrayList<>();
        long lost = 0;
        long doubled = 0;
        int i = 0;
        for (ReceivedOutputs.Received r : perfect()) {
            Reference.Expected e = reference.expected().get(r.key());
            if (e.rule().name().equals(BenchRules.ACCOUNTING_RULE) && r.value() > 10) {
                // one window short by 10 samples, the next with 7 counted twice
                double v = i++ % 2 == 0 ? r.value() - 10 : r.value() + 7;
                lost += i % 2 == 1 ? 10 : 0;
                doubled += i % 2 == 0 ? 7 : 0;
                r =
                        new ReceivedOutputs.Received(
                                r.series(), r.timestampMs(), v, false, r.acceptedMs());
            }
            got.add(r);
        }
        OutputComparison.Result r =
                OutputComparison.compare(reference, got, BenchRules.ACCOUNTING_RULE, T0);
        assertThat(lost).isPositive();
        assertThat(r.lostSamples()).isEqualTo(lost);
        assertThat(r.duplicatedSamples()).isEqualTo(doubled);
        assertThat(r.matches()).isFalse();
    }

    @Test
    void aQuantileOutsideItsBandIsAMismatch() {
        List<ReceivedOutputs.Received> got = new ArrayList<>();
        for (ReceivedOutputs.Received r : perfect()) {
            Reference.Expected e = reference.expected().get(r.key());
            got.add(
                    e.approximate()
                            ? new ReceivedOutputs.Received(
                                    r.series(),
                                    r.timestampMs(),
                                    e.bandHigh() + 50,
                                    false,
                                    r.acceptedMs())
                            : r);
        }
        OutputComparison.Result r =
                OutputComparison.compare(reference, got, BenchRules.ACCOUNTING_RULE, T0);
        assertThat(r.mismatched()).isPositive();
        assertThat(r.examples()).anyMatch(x -> x.contains("band"));
    }

    @Test
    void withoutTheAccountingRuleLossIsUnknown() {
        OutputComparison.Result r =
                OutputComparison.compare(reference, perfect(), "no-such-rule", T0);
        assertThat(r.lostSamples()).isEqualTo(-1);
        assertThat(r.duplicatedSamples()).isEqualTo(-1);
    }
}
