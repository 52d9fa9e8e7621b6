package io.condenser.connectors.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FormatDetectionTest {

    private static Optional<InputFormat> detect(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return FormatDetection.detect(b, b.length);
    }

    @Test
    void lineProtocolHasAFieldSet() {
        assertThat(detect("# comment\ncpu,host=a usage_idle=1,x=2i 1700000000000000000\n"))
                .contains(InputFormat.INFLUX);
        assertThat(detect("my\\ cpu,host=a\\ b v=1\n")).contains(InputFormat.INFLUX);
    }

    @Test
    void graphiteHasANumber() {
        assertThat(detect("collectd.web1.load 0.05 1700000000\n")).contains(InputFormat.GRAPHITE);
        assertThat(detect("disk.used;host=a 1e3\n")).contains(InputFormat.GRAPHITE);
    }

    @Test
    void remoteWriteIsBinary() {
        byte[] body =
                RemoteWriteRequestEncoder.encode(
                        List.of(Sample.of("up", io.condenser.model.Labels.EMPTY, 1, 1)));
        assertThat(FormatDetection.detect(body, body.length)).contains(InputFormat.REMOTE_WRITE);
    }

    @Test
    void mixedOrUnclearIsNotTold() {
        assertThat(detect("cpu v=1\na.b 1\n")).isEmpty();
        assertThat(detect("hello world\n")).isEmpty();
        assertThat(detect("")).isEmpty();
        assertThat(detect("\n\n# only comments\n")).isEmpty();
    }
}
