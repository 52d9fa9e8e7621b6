package io.condenser.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Cutovers, which definition a sample counts for, and letting old definitions go. */
class RuleTimelineTest {

    static RuleSet set(String yaml) {
        RuleSetLoader.Result r = RuleSetLoader.loadTexts(new TreeMap<>(Map.of("r.yaml", yaml)), 1);
        assertThat(r.problems()).isEmpty();
        return r.ruleSet();
    }

    static String rule(String name, String interval, String outputs) {
        return "  - name: "
                + name
                + "\n    match: m\n    interval: "
                + interval
                + "\n    outputs: ["
                + outputs
                + "]\n";
    }

    static List<String> matching(RuleTimeline t, long ts) {
        List<RuleTimeline.Span> out = new ArrayList<>();
        t.matchInto("m", n -> null, ts, out, (r, at) -> {});
        return out.stream()
                .map(
                        s ->
                                s.rule().name()
                                        + "#"
                                        + s.rule().rule().outputs().stream()
                                                .map(o -> o.output().yamlName())
                                                .toList())
                .toList();
    }

    @Test
    void theFirstSetIsInForceFromTheBeginning() {
        RuleTimeline t = new RuleTimeline();
        t.apply(set("rules:\n" + rule("a", "1m", "max")), 1_000_000);
        assertThat(t.newest("a").fromMs()).isEqualTo(Long.MIN_VALUE);
        assertThat(matching(t, 0)).hasSize(1);
    }

    @Test
    void aChangedRuleSwitchesAtTheFirstBoundaryBothIntervalsShare() {
        assertThat(RuleTimeline.cutover(70_000, 60_000, 60_000))
                .isEqualTo(new RuleTimeline.Cutover(120_000, 120_000));
        // 30 s and 1 m share every minute; 20 s and 30 s every minute too
        assertThat(RuleTimeline.cutover(70_000, 30_000, 60_000))
                .isEqualTo(new RuleTimeline.Cutover(120_000, 120_000));
        assertThat(RuleTimeline.cutover(61_000, 20_000, 30_000))
                .isEqualTo(new RuleTimeline.Cutover(120_000, 120_000));
        // on a boundary already: that one
        assertThat(RuleTimeline.cutover(120_000, 60_000, 60_000))
                .isEqualTo(new RuleTimeline.Cutover(120_000, 120_000));
    }

    @Test
    void intervalsWithoutACommonBoundaryWithinADayHandOverAtTheNextBoundaryEach() {
        long old = 7 * 60_000 + 13_000; // 7m13s
        long neu = 11 * 60_000 + 17_000; // 11m17s
        RuleTimeline.Cutover c = RuleTimeline.cutover(1_000_000, old, neu);
        assertThat(c.oldEndsMs() % old).isZero();
        assertThat(c.newStartsMs() % neu).isZero();
        assertThat(c.oldEndsMs()).isGreaterThanOrEqualTo(1_000_000).isLessThan(1_000_000 + old);
        assertThat(c.newStartsMs()).isGreaterThanOrEqualTo(c.oldEndsMs());
    }

    @Test
    void eachSampleCountsForTheDefinitionInForceAtItsTimestamp() {
        RuleTimeline t = new RuleTimeline();
        t.apply(set("rules:\n" + rule("a", "1m", "max")), Long.MIN_VALUE);
        t.apply(set("rules:\n" + rule("a", "1m", "min")), 70_000);
        assertThat(matching(t, 119_999)).containsExactly("a#[max]");
        assertThat(matching(t, 120_000)).containsExactly("a#[min]");
    }

    @Test
    void anUnchangedRuleKeepsItsDefinitionAndAnAddedOneStartsAtItsBoundary() {
        RuleTimeline t = new RuleTimeline();
        t.apply(set("rules:\n" + rule("a", "1m", "max")), Long.MIN_VALUE);
        RuleTimeline.Span a = t.newest("a");
        t.apply(set("rules:\n" + rule("a", "1m", "max") + rule("b", "1m", "min")), 70_000);
        assertThat(t.newest("a")).isSameAs(a);
        assertThat(t.newest("b").fromMs()).isEqualTo(120_000);
        List<String> notInForce = new ArrayList<>();
        t.matchInto(
                "m", n -> null, 100_000, new ArrayList<>(), (r, at) -> notInForce.add(r.name()));
        assertThat(notInForce).containsExactly("b");
    }

    @Test
    void aRemovedRuleEndsAtItsNextBoundary() {
        RuleTimeline t = new RuleTimeline();
        t.apply(set("rules:\n" + rule("a", "1m", "max") + rule("b", "1m", "min")), Long.MIN_VALUE);
        t.apply(set("rules:\n" + rule("a", "1m", "max")), 70_000);
        assertThat(t.newest("b").toMs()).isEqualTo(120_000);
        assertThat(matching(t, 119_000)).contains("b#[min]");
        assertThat(matching(t, 120_000)).doesNotContain("b#[min]");
    }

    @Test
    void anOldDefinitionGoesOnceItsWindowsAndTheNewOnesFirstHaveClosed() {
        RuleTimeline t = new RuleTimeline();
        t.apply(set("rules:\n" + rule("a", "1m", "max") + rule("k", "1m", "sum_samples")), 0);
        t.apply(set("rules:\n" + rule("a", "1m", "min") + rule("k", "1m", "sum_samples")), 70_000);
        assertThat(t.liveVersions()).isEqualTo(2);
        assertThat(t.prune(179_999)).isEmpty();
        assertThat(t.prune(180_000)).extracting(s -> s.rule().name()).containsExactly("a");
        assertThat(t.spans("a")).hasSize(1);
        // the unchanged rule runs on in the newest version: the old one is not needed
        assertThat(t.liveVersions()).isEqualTo(1);
    }
}
