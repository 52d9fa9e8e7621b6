package io.condenser.jobs.config;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.direct.DirectSourceConfig;
import java.io.Serializable;

/**
 * The {@code source.direct} keys of the job configuration: where the direct source listens. Named
 * {@code *Section} (not {@code *Config}) so it does not clash with the connector's own {@link
 * DirectSourceConfig}, which {@code CondenserJob} builds from it.
 *
 * @param lineProtocolPort 0 = the protocol is off (likewise the other ports)
 */
public record DirectSourceSection(
        String bindAddress, int lineProtocolPort, int httpPort, int graphitePort, AckMode ack)
        implements Serializable {

    public static final String DEFAULT_BIND_ADDRESS = DirectSourceConfig.DEFAULT_BIND_ADDRESS;
    public static final int DEFAULT_LINE_PROTOCOL_PORT =
            DirectSourceConfig.DEFAULT_LINE_PROTOCOL_PORT;
    public static final int DEFAULT_HTTP_PORT = DirectSourceConfig.DEFAULT_HTTP_PORT;
    public static final int DEFAULT_GRAPHITE_PORT = DirectSourceConfig.DEFAULT_GRAPHITE_PORT;
    public static final AckMode DEFAULT_ACK = DirectSourceConfig.DEFAULT_ACK;

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these values, for flag overrides. */
    public Builder toBuilder() {
        return builder()
                .bindAddress(bindAddress)
                .lineProtocolPort(lineProtocolPort)
                .httpPort(httpPort)
                .graphitePort(graphitePort)
                .ack(ack);
    }

    @Override
    public String toString() {
        return bindAddress
                + " lp="
                + lineProtocolPort
                + " http="
                + httpPort
                + " graphite="
                + graphitePort
                + " ack="
                + ack.configName();
    }

    /** Setters named after the YAML keys. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int lineProtocolPort = DEFAULT_LINE_PROTOCOL_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int graphitePort = DEFAULT_GRAPHITE_PORT;
        private AckMode ack = DEFAULT_ACK;

        private Builder() {}

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder lineProtocolPort(int v) {
            lineProtocolPort = v;
            return this;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder graphitePort(int v) {
            graphitePort = v;
            return this;
        }

        public Builder ack(AckMode v) {
            ack = v;
            return this;
        }

        /**
         * @param inUse whether source.type is direct; an unused section is kept as it is, unchecked
         * @throws IllegalArgumentException naming the key and the value
         */
        public DirectSourceSection build(boolean inUse) {
            if (inUse) {
                JobConfig.require(
                        bindAddress != null && !bindAddress.isBlank(),
                        "source.direct.bind-address must not be empty, got '" + bindAddress + "'");
                port("source.direct.line-protocol-port", lineProtocolPort);
                port("source.direct.http-port", httpPort);
                port("source.direct.graphite-port", graphitePort);
                JobConfig.require(
                        lineProtocolPort + httpPort + graphitePort > 0,
                        "source.direct: at least one port must be > 0, got all 0");
                JobConfig.require(
                        ack != null, "source.direct.ack must be on-receive or on-checkpoint");
            }
            return new DirectSourceSection(
                    bindAddress, lineProtocolPort, httpPort, graphitePort, ack);
        }

        private static void port(String key, int port) {
            JobConfig.require(
                    port >= 0 && port <= 65535,
                    key + " must be in 0..65535 (0 = off), got " + port);
        }
    }
}
