package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.RemoteWriteResponseClassifier;
import io.condenser.connectors.remotewrite.send.ResponseAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RemoteWriteResponseClassifierTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3} ({4})")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "200|                                  |SUCCESS|-            |accepted",
                "204|                                  |SUCCESS|-            |Prometheus accepts with 204",
                "400|out of order sample               |SPLIT  |OUT_OF_ORDER |Prometheus 2.42 body",
                "400|duplicate sample for timestamp    |SPLIT  |DUPLICATE    |Prometheus 2.42 body",
                "400|out of bounds                     |SPLIT  |OUT_OF_BOUNDS|Prometheus 2.42 body",
                "500|too old sample                    |SPLIT  |TOO_OLD      |2.42 answers 500 with OOO window on",
                "500|empty labelset: invalid sample    |SPLIT  |INVALID      |2.42 answers 500 for a permanent error",
                "500|label name \"a\" is not unique: invalid sample|SPLIT|INVALID|2.42 answers 500",
                "400|err-mimir-sample-out-of-order     |SPLIT  |OUT_OF_ORDER |Mimir spelling",
                "400|err-mimir-sample-timestamp-too-old|SPLIT  |OUT_OF_BOUNDS|Mimir spelling",
                "500|                                  |RETRY  |-            |transient server error",
                "502|bad gateway                       |RETRY  |-            |proxy in front of the receiver",
                "503|                                  |RETRY  |-            |unavailable",
                "429|too many requests                 |RETRY  |-            |rate limited",
                "408|                                  |RETRY  |-            |request timeout",
                "400|snappy: corrupt input             |DROP   |CLIENT_ERROR |bad request, never retried",
                "401|unauthorized                      |DROP   |CLIENT_ERROR |auth, never retried",
                "404|not found                         |DROP   |CLIENT_ERROR |wrong path, never retried",
                "413|request entity too large          |SPLIT  |CLIENT_ERROR |smaller requests may pass",
                "301|                                  |DROP   |CLIENT_ERROR |redirects not followed",
            })
    void classifies(int status, String body, ResponseAction action, DropReason reason, String why) {
        RemoteWriteResponseClassifier.Classification c =
                RemoteWriteResponseClassifier.classify(status, body);
        assertThat(c.action()).as(why).isEqualTo(action);
        assertThat(c.reason()).as(why).isEqualTo(reason);
    }
}
