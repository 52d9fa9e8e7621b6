package io.condenser.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A source counter that restarts with its TaskManager still gives a running total. */
class AcceptedCounterTest {

    @Test
    void aDropStartsANewAttemptThatAddsOn() {
        AcceptedCounter c = new AcceptedCounter();
        assertThat(c.update(100)).isEqualTo(100);
        assertThat(c.update(250)).isEqualTo(250);
        assertThat(c.update(-1)).as("unknown: ignored").isEqualTo(250);
        assertThat(c.update(40)).as("restarted").isEqualTo(290);
        assertThat(c.update(60)).isEqualTo(310);
    }
}
