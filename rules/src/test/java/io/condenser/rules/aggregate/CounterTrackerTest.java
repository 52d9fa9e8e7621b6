package io.condenser.rules.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CounterTrackerTest {

    @Test
    void firstSampleIsItsWholeValue() {
        CounterTracker t = new CounterTracker();
        assertThat(t.observe(1000, 7)).isEqualTo(new CounterDelta(7, 0, true, false));
    }

    @Test
    void increaseIsTheDifference() {
        CounterTracker t = new CounterTracker();
        t.observe(1000, 7);
        assertThat(t.observe(16_000, 10)).isEqualTo(new CounterDelta(3, 15_000, false, false));
    }

    @Test
    void decreaseIsAResetAndTheDeltaIsTheNewValue() {
        CounterTracker t = new CounterTracker();
        t.observe(1000, 100);
        assertThat(t.observe(2000, 4)).isEqualTo(new CounterDelta(4, 1000, false, true));
        assertThat(t.observe(3000, 6)).isEqualTo(new CounterDelta(2, 1000, false, false));
    }

    @Test
    void outOfOrderSampleIsIgnoredAndChangesNothing() {
        CounterTracker t = new CounterTracker();
        t.observe(5000, 10);
        assertThat(t.observe(4000, 1)).isNull();
        assertThat(t.observe(6000, 12)).isEqualTo(new CounterDelta(2, 1000, false, false));
    }

    @Test
    void repeatedSampleAddsNothing() {
        CounterTracker t = new CounterTracker();
        t.observe(5000, 10);
        assertThat(t.observe(5000, 10)).isEqualTo(new CounterDelta(0, 0, false, false));
    }

    @Test
    void stalenessIsStrictlyLongerThanTheInterval() {
        CounterTracker t = new CounterTracker();
        assertThat(t.isStale(1_000_000, 1)).isFalse();
        t.observe(1000, 1);
        assertThat(t.isStale(121_000, 120_000)).isFalse();
        assertThat(t.isStale(121_001, 120_000)).isTrue();
    }

    @Test
    void stateRoundTripsAndRejectsUnknownVersions() throws IOException {
        CounterTracker t = new CounterTracker();
        t.observe(1234, 56.5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.write(new DataOutputStream(bytes));
        byte[] b = bytes.toByteArray();
        CounterTracker back = CounterTracker.read(new DataInputStream(new ByteArrayInputStream(b)));
        assertThat(back.lastTimestampMs()).isEqualTo(1234);
        assertThat(back.lastValue()).isEqualTo(56.5);
        assertThat(back.observe(2234, 60)).isEqualTo(new CounterDelta(3.5, 1000, false, false));
        b[0] = 2;
        assertThatThrownBy(
                        () -> CounterTracker.read(new DataInputStream(new ByteArrayInputStream(b))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }
}
