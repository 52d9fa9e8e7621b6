package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.remotewrite.http.RemoteWriteHttpClient;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import java.time.Duration;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy noJitter =
            new RetryPolicy(
                    Duration.ofMillis(100), Duration.ofSeconds(2), 0, Duration.ofMinutes(1));

    @Test
    void backoffDoublesUpToTheCap() {
        assertThat(
                        IntStream.rangeClosed(1, 8)
                                .mapToLong(i -> noJitter.delayMs(i, -1, new Random()))
                                .toArray())
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
    }

    @Test
    void jitterOnlyShortensWithinItsFraction() {
        RetryPolicy p =
                new RetryPolicy(
                        Duration.ofMillis(100), Duration.ofSeconds(2), 0.2, Duration.ofMinutes(1));
        Random r = new Random(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(p.delayMs(3, -1, r)).isBetween(320L, 400L);
        }
    }

    @Test
    void retryAfterReplacesTheBackoffButIsCapped() {
        assertThat(noJitter.delayMs(1, 3000, new Random())).isEqualTo(3000);
        assertThat(noJitter.delayMs(1, 3_600_000, new Random())).isEqualTo(300_000);
    }

    @Test
    void retriesStopAfterTheMaximumTime() {
        assertThat(noJitter.mayRetry(0, 59_999)).isTrue();
        assertThat(noJitter.mayRetry(0, 60_000)).isFalse();
    }

    @Test
    void retryAfterParsesSecondsAndHttpDates() {
        assertThat(RemoteWriteHttpClient.parseRetryAfter("5", 0)).isEqualTo(5000);
        long now = 1_700_000_000_000L; // Tue, 14 Nov 2023 22:13:20 GMT
        assertThat(RemoteWriteHttpClient.parseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now))
                .isEqualTo(10_000);
        assertThat(RemoteWriteHttpClient.parseRetryAfter("soon", now)).isEqualTo(-1);
    }

    @Test
    void validationNamesTheOption() {
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        Duration.ZERO,
                                        Duration.ofSeconds(1),
                                        0,
                                        Duration.ofMinutes(1)))
                .hasMessageContaining("initial backoff");
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        Duration.ofSeconds(2),
                                        Duration.ofSeconds(1),
                                        0,
                                        Duration.ofMinutes(1)))
                .hasMessageContaining("max backoff");
        assertThatThrownBy(
                        () ->
                                new RetryPolicy(
                                        Duration.ofSeconds(1),
                                        Duration.ofSeconds(1),
                                        1.5,
                                        Duration.ofMinutes(1)))
                .hasMessageContaining("jitter");
    }
}
