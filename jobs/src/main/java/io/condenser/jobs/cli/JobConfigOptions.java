package io.condenser.jobs.cli;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.jobs.config.DirectSourceSection;
import io.condenser.jobs.config.JobConfig;
import io.condenser.jobs.config.JobConfigYaml;
import io.condenser.jobs.config.KafkaSourceSection;
import io.condenser.jobs.config.RemoteWriteSection;
import io.condenser.rules.parse.DurationParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} plus one flag per commonly overridden key: the file is read first, flags
 * win. Shared by {@code CondenserJob} (cluster) and {@code ./condenser run} (local).
 */
@Command(mixinStandardHelpOptions = false)
public class JobConfigOptions {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;

    @Option(names = "--config", paramLabel = "FILE", description = "Job configuration (YAML).")
    Path config;

    @Option(names = "--source", paramLabel = "direct|kafka", description = "source.type")
    String source;

    @Option(
            names = "--bind-address",
            paramLabel = "ADDR",
            description = "source.direct.bind-address")
    String bindAddress;

    @Option(
            names = "--line-protocol-port",
            paramLabel = "PORT",
            description = "source.direct.line-protocol-port (0 = off)")
    Integer lineProtocolPort;

    @Option(names = "--http-port", paramLabel = "PORT", description = "source.direct.http-port")
    Integer httpPort;

    @Option(
            names = "--graphite-port",
            paramLabel = "PORT",
            description = "source.direct.graphite-port")
    Integer graphitePort;

    @Option(
            names = "--ack",
            paramLabel = "on-receive|on-checkpoint",
            description = "source.direct.ack")
    String ack;

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "HOST:PORT,...",
            description = "source.kafka.bootstrap-servers")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC", description = "source.kafka.topic")
    String kafkaTopic;

    @Option(names = "--kafka-group", paramLabel = "ID", description = "source.kafka.group-id")
    String kafkaGroup;

    @Option(
            names = "--rules",
            paramLabel = "PATH",
            description = "rules.path: a rules file or directory")
    String rules;

    @Option(names = "--rules-topic", paramLabel = "TOPIC", description = "rules.topic")
    String rulesTopic;

    @Option(
            names = "--remote-write-url",
            paramLabel = "URL",
            description = "remote-write.urls (repeat for several); none: print to stdout")
    List<String> remoteWriteUrls;

    @Option(
            names = "--delivery",
            paramLabel = "at-least-once|exactly-once",
            description = "remote-write.delivery")
    String delivery;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            description = "checkpoints.interval, e.g. 30s")
    String checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "checkpoints.dir")
    String checkpointDir;

    @Option(names = "--parallelism", paramLabel = "N", description = "parallelism")
    Integer parallelism;

    @Mixin DirectSourceFlags directFlags = new DirectSourceFlags();

    @Mixin RemoteWriteFlags remoteWriteFlags = new RemoteWriteFlags();

    @Option(
            names = "--unmatched-input",
            paramLabel = "drop|forward",
            description = "unmatched-input")
    String unmatchedInput;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            description = "event-time.out-of-orderness (default: direct 5s, kafka 10s)")
    String outOfOrderness;

    @Option(
            names = "--idleness",
            paramLabel = "DURATION",
            description = "event-time.idleness: a quiet connection stops holding event time")
    String idleness;

    @Option(
            names = "--idle-timeout",
            paramLabel = "DURATION",
            description =
                    "event-time.idle-timeout: with no input at all for this long, event time"
                            + " follows the wall clock (default 5m)")
    String idleTimeout;

    /** The file (if any) with the flags applied on top, not yet built. */
    public JobConfig.Builder toBuilder() {
        JobConfig.Builder b;
        try {
            b = config == null ? JobConfig.builder() : JobConfigYaml.read(config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --config " + config + ": " + e, e);
        }
        if (source != null) {
            b.sourceType(JobConfig.SourceType.fromName(source));
        }
        b.direct(this::applyDirect);
        b.kafka(this::applyKafka);
        if (rules != null) {
            b.rulesPath(rules);
        }
        if (rulesTopic != null) {
            b.rulesTopic(rulesTopic);
        }
        b.remoteWrite(this::applyRemoteWrite);
        if (checkpointInterval != null) {
            b.checkpointInterval(DurationParser.parse(checkpointInterval.toLowerCase(Locale.ROOT)));
        }
        if (checkpointDir != null) {
            b.checkpointDir(checkpointDir);
        }
        if (parallelism != null) {
            b.parallelism(parallelism);
        }
        if (unmatchedInput != null) {
            b.unmatchedInput(JobConfigYaml.unmatched(unmatchedInput));
        }
        if (outOfOrderness != null) {
            b.eventTime(t -> t.withOutOfOrderness(duration(outOfOrderness)));
        }
        if (idleness != null) {
            b.eventTime(t -> t.withIdleness(duration(idleness)));
        }
        if (idleTimeout != null) {
            b.eventTime(t -> t.withIdleTimeout(duration(idleTimeout)));
        }
        return b;
    }

    private void applyDirect(DirectSourceSection.Builder d) {
        if (bindAddress != null) {
            d.bindAddress(bindAddress);
        }
        if (lineProtocolPort != null) {
            d.lineProtocolPort(lineProtocolPort);
        }
        if (httpPort != null) {
            d.httpPort(httpPort);
        }
        if (graphitePort != null) {
            d.graphitePort(graphitePort);
        }
        if (ack != null) {
            d.ack(AckMode.fromName(ack));
        }
        directFlags.apply(d);
    }

    private void applyKafka(KafkaSourceSection.Builder k) {
        if (kafkaBootstrap != null) {
            k.bootstrapServers(kafkaBootstrap);
        }
        if (kafkaTopic != null) {
            k.topic(kafkaTopic);
        }
        if (kafkaGroup != null) {
            k.groupId(kafkaGroup);
        }
    }

    private void applyRemoteWrite(RemoteWriteSection.Builder w) {
        if (remoteWriteUrls != null) {
            w.urls(remoteWriteUrls);
        }
        if (delivery != null) {
            w.delivery(DeliveryMode.fromConfigName(delivery));
        }
        remoteWriteFlags.apply(w);
    }

    private static java.time.Duration duration(String text) {
        return DurationParser.parse(text.toLowerCase(Locale.ROOT));
    }

    public JobConfig toConfig() {
        return toBuilder().build();
    }
}
