package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailureMessageTest {

    @Test
    void theDeepestCauseOnOneLine() {
        Exception failure =
                new ExecutionException(
                        new RuntimeException(
                                "Job execution failed.",
                                new IllegalStateException(
                                        "Recovery is suppressed",
                                        new IOException(
                                                "port 8086 on 127.0.0.1 (HTTP) is in use\n"
                                                        + "  (another server?)"))));
        assertThat(FailureMessage.of(failure))
                .isEqualTo("port 8086 on 127.0.0.1 (HTTP) is in use (another server?)");
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsType() {
        assertThat(FailureMessage.of(new RuntimeException("outer", new NullPointerException())))
                .isEqualTo("NullPointerException");
    }

    /** Stands for the direct source's ListenerBindException: Condenser's, wrapping the JDK's. */
    static final class OwnBindFailure extends java.io.IOException {
        OwnBindFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void condensersOwnExceptionWinsOverTheJdkCauseItWraps() {
        Exception failure =
                new RuntimeException(
                        "Job execution failed.",
                        new OwnBindFailure(
                                "port 8086 on 127.0.0.1 (HTTP) is in use",
                                new java.net.BindException("Address already in use")));
        assertThat(FailureMessage.of(failure)).isEqualTo("port 8086 on 127.0.0.1 (HTTP) is in use");
    }
}
