package io.condenser.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.jobs.PipelineSettings.UnmatchedInput;
import io.condenser.rules.parse.DurationParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a job configuration file onto a {@link JobConfig.Builder}. Strict: an unknown key is an
 * error naming its full path (a misspelt key silently falling back to a default is the costliest
 * kind of configuration bug), and so is a value of the wrong type.
 *
 * <pre>
 * source: {type: direct, direct: {...}, kafka: {...}}
 * rules: {path: ..., topic: ..., poll-interval: 5s}
 * remote-write: {urls: [...], delivery: at-least-once}
 * checkpoints: {interval: 30s, dir: file:///...}
 * event-time: {out-of-orderness: 5s, idleness: 30s, idle-timeout: 5m}
 * parallelism: 2
 * unmatched-input: drop
 * </pre>
 */
public final class JobConfigYaml {

    private JobConfigYaml() {}

    /** Reads a file onto a fresh builder (defaults for absent keys). */
    public static JobConfig.Builder read(Path file) throws IOException {
        return read(Files.readString(file), file.toString());
    }

    /**
     * @param where the file name, for messages
     * @throws IllegalArgumentException for unknown keys and bad values, naming them
     */
    public static JobConfig.Builder read(String yaml, String where) throws IOException {
        JobConfig.Builder b = JobConfig.builder();
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        if (root == null || root.isNull() || root.isMissingNode()) {
            return b;
        }
        Node top = new Node(where, "", object(root, where, "(top level)"));
        top.object("source")
                .ifPresent(
                        s -> {
                            s.text("type")
                                    .map(JobConfig.SourceType::fromName)
                                    .ifPresent(b::sourceType);
                            s.object("direct").ifPresent(d -> b.direct(x -> direct(d, x)));
                            s.object("kafka").ifPresent(k -> b.kafka(x -> kafka(k, x)));
                            s.done();
                        });
        top.object("rules")
                .ifPresent(
                        r -> {
                            r.text("path").ifPresent(b::rulesPath);
                            r.text("topic").ifPresent(b::rulesTopic);
                            r.duration("poll-interval").ifPresent(b::rulesPollInterval);
                            r.done();
                        });
        top.object("remote-write").ifPresent(w -> b.remoteWrite(x -> remoteWrite(w, x)));
        top.object("checkpoints")
                .ifPresent(
                        c -> {
                            c.duration("interval").ifPresent(b::checkpointInterval);
                            c.text("dir").ifPresent(b::checkpointDir);
                            c.done();
                        });
        top.object("event-time")
                .ifPresent(
                        e -> {
                            e.duration("out-of-orderness")
                                    .ifPresent(v -> b.eventTime(t -> t.withOutOfOrderness(v)));
                            e.duration("idleness")
                                    .ifPresent(v -> b.eventTime(t -> t.withIdleness(v)));
                            e.duration("idle-timeout")
                                    .ifPresent(v -> b.eventTime(t -> t.withIdleTimeout(v)));
                            e.done();
                        });
        top.integer("parallelism").ifPresent(b::parallelism);
        top.text("unmatched-input").map(JobConfigYaml::unmatched).ifPresent(b::unmatchedInput);
        top.done();
        return b;
    }

    private static void direct(Node d, DirectSourceSection.Builder b) {
        d.text("bind-address").ifPresent(b::bindAddress);
        d.integer("line-protocol-port").ifPresent(b::lineProtocolPort);
        d.integer("http-port").ifPresent(b::httpPort);
        d.integer("graphite-port").ifPresent(b::graphitePort);
        d.text("ack").map(AckMode::fromName).ifPresent(b::ack);
        d.duration("ack-timeout").ifPresent(b::ackTimeout);
        d.integer("queue-capacity").ifPresent(b::queueCapacity);
        d.intSize("max-line-length").ifPresent(b::maxLineLength);
        d.intSize("max-body-size").ifPresent(b::maxBodySize);
        d.size("max-buffered-body-size").ifPresent(b::maxBufferedBodySize);
        d.integer("max-connections").ifPresent(b::maxConnections);
        d.integer("http-threads").ifPresent(b::httpThreads);
        d.duration("connection-idle-timeout").ifPresent(b::connectionIdleTimeout);
        d.duration("read-header-timeout").ifPresent(b::readHeaderTimeout);
        d.duration("read-body-timeout").ifPresent(b::readBodyTimeout);
        d.duration("max-future").ifPresent(b::maxFuture);
        d.duration("retry-after").ifPresent(b::retryAfter);
        d.object("auth")
                .ifPresent(
                        a -> {
                            a.text("bearer-token-file").ifPresent(b::bearerTokenFile);
                            a.object("basic-auth")
                                    .ifPresent(
                                            basic -> {
                                                basic.text("username")
                                                        .ifPresent(b::basicAuthUsername);
                                                basic.text("password-file")
                                                        .ifPresent(b::basicAuthPasswordFile);
                                                basic.done();
                                            });
                            a.done();
                        });
        d.object("tls")
                .ifPresent(
                        t -> {
                            t.text("cert-file").ifPresent(b::tlsCertFile);
                            t.text("key-file").ifPresent(b::tlsKeyFile);
                            t.done();
                        });
        d.object("graphite")
                .ifPresent(
                        g -> {
                            g.texts("templates").ifPresent(b::graphiteTemplates);
                            g.done();
                        });
        d.done();
    }

    private static void kafka(Node k, KafkaSourceSection.Builder b) {
        k.text("bootstrap-servers").ifPresent(b::bootstrapServers);
        k.text("topic").ifPresent(b::topic);
        k.text("group-id").ifPresent(b::groupId);
        k.done();
    }

    private static void remoteWrite(Node w, RemoteWriteSection.Builder b) {
        w.texts("urls").ifPresent(b::urls);
        w.text("delivery").map(DeliveryMode::fromConfigName).ifPresent(b::delivery);
        w.integer("max-batch-samples").ifPresent(b::maxBatchSamples);
        w.intSize("max-batch-bytes").ifPresent(b::maxBatchBytes);
        w.duration("max-batch-delay").ifPresent(b::maxBatchDelay);
        w.integer("max-queued-batches").ifPresent(b::maxQueuedBatches);
        w.integer("max-concurrent-requests").ifPresent(b::maxConcurrentRequests);
        w.duration("request-timeout").ifPresent(b::requestTimeout);
        w.object("retry")
                .ifPresent(
                        r -> {
                            r.duration("initial-backoff").ifPresent(b::retryInitialBackoff);
                            r.duration("max-backoff").ifPresent(b::retryMaxBackoff);
                            r.number("jitter").ifPresent(b::retryJitter);
                            r.duration("max-time").ifPresent(b::retryMaxTime);
                            r.done();
                        });
        w.bool("drop-on-retries-exhausted").ifPresent(b::dropOnRetriesExhausted);
        w.duration("series-ttl").ifPresent(b::seriesTtl);
        w.textMap("headers").ifPresent(b::headers);
        w.text("bearer-token-file").ifPresent(b::bearerTokenFile);
        w.object("basic-auth")
                .ifPresent(
                        basic -> {
                            basic.text("username").ifPresent(b::basicAuthUsername);
                            basic.text("password-file").ifPresent(b::basicAuthPasswordFile);
                            basic.done();
                        });
        w.object("tls")
                .ifPresent(
                        t -> {
                            t.text("ca-file").ifPresent(b::tlsCaFile);
                            t.text("cert-file").ifPresent(b::tlsCertFile);
                            t.text("key-file").ifPresent(b::tlsKeyFile);
                            t.bool("insecure-skip-verify").ifPresent(b::tlsInsecureSkipVerify);
                            t.done();
                        });
        w.done();
    }

    public static UnmatchedInput unmatched(String v) {
        return switch (v) {
            case "drop" -> UnmatchedInput.DROP;
            case "forward" -> UnmatchedInput.FORWARD;
            default ->
                    throw new IllegalArgumentException(
                            "unmatched-input must be drop or forward, got '" + v + "'");
        };
    }

    private static ObjectNode object(JsonNode n, String where, String key) {
        if (!n.isObject()) {
            throw new IllegalArgumentException(
                    where + ": " + key + " must be a mapping, got " + n.getNodeType());
        }
        return (ObjectNode) n;
    }

    /** A mapping being read: remembers which keys were consumed, to reject the rest. */
    private static final class Node {
        private final String where;
        private final String prefix;
        private final ObjectNode node;
        private final Set<String> seen = new TreeSet<>();

        Node(String where, String prefix, ObjectNode node) {
            this.where = where;
            this.prefix = prefix;
            this.node = node;
        }

        private JsonNode get(String key) {
            seen.add(key);
            JsonNode v = node.get(key);
            return v == null || v.isNull() ? null : v;
        }

        private IllegalArgumentException bad(String key, String expected, JsonNode v) {
            return new IllegalArgumentException(
                    where + ": " + prefix + key + " must be " + expected + ", got " + v);
        }

        java.util.Optional<Node> object(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(
                    new Node(
                            where,
                            prefix + key + ".",
                            JobConfigYaml.object(v, where, prefix + key)));
        }

        java.util.Optional<String> text(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            if (!v.isValueNode() || v.isBoolean()) {
                throw bad(key, "a string", v);
            }
            return java.util.Optional.of(v.asText());
        }

        java.util.Optional<Integer> integer(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            if (!v.isInt()) {
                throw bad(key, "an integer", v);
            }
            return java.util.Optional.of(v.intValue());
        }

        java.util.Optional<Duration> duration(String key) {
            return text(key)
                    .map(
                            t -> {
                                try {
                                    return DurationParser.parse(t.toLowerCase(Locale.ROOT));
                                } catch (IllegalArgumentException e) {
                                    throw new IllegalArgumentException(
                                            where + ": " + prefix + key + ": " + e.getMessage(), e);
                                }
                            });
        }

        /** A boolean. */
        java.util.Optional<Boolean> bool(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            if (!v.isBoolean()) {
                throw bad(key, "true or false", v);
            }
            return java.util.Optional.of(v.booleanValue());
        }

        /** A number. */
        java.util.Optional<Double> number(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            if (!v.isNumber()) {
                throw bad(key, "a number", v);
            }
            return java.util.Optional.of(v.doubleValue());
        }

        /**
         * Bytes: an integer, or a size with a unit as Flink writes them ({@code 64kb}, {@code
         * 32mb}).
         */
        java.util.Optional<Long> size(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            if (v.isIntegralNumber()) {
                return java.util.Optional.of(v.longValue());
            }
            if (!v.isTextual()) {
                throw bad(key, "a size (bytes, or e.g. 32mb)", v);
            }
            try {
                return java.util.Optional.of(Sizes.parse(v.asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        where + ": " + prefix + key + ": " + e.getMessage(), e);
            }
        }

        /** A size that must fit an int (under 2 GiB). */
        java.util.Optional<Integer> intSize(String key) {
            return size(key)
                    .map(
                            n -> {
                                if (n > Integer.MAX_VALUE || n < 0) {
                                    throw new IllegalArgumentException(
                                            where
                                                    + ": "
                                                    + prefix
                                                    + key
                                                    + " must be under 2gb, got "
                                                    + n
                                                    + " bytes");
                                }
                                return n.intValue();
                            });
        }

        /** A mapping of names to strings (HTTP headers). */
        java.util.Optional<java.util.Map<String, String>> textMap(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            if (!v.isObject()) {
                throw bad(key, "a mapping of names to strings", v);
            }
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            for (Iterator<java.util.Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                java.util.Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw bad(key + "." + e.getKey(), "a string", e.getValue());
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return java.util.Optional.of(out);
        }

        /** A list of strings, or a single string. */
        java.util.Optional<List<String>> texts(String key) {
            JsonNode v = get(key);
            if (v == null) {
                return java.util.Optional.empty();
            }
            List<String> out = new ArrayList<>();
            if (v.isArray()) {
                for (JsonNode e : v) {
                    if (!e.isTextual()) {
                        throw bad(key, "a list of strings", v);
                    }
                    out.add(e.asText());
                }
            } else if (v.isTextual()) {
                out.add(v.asText());
            } else {
                throw bad(key, "a list of strings", v);
            }
            return java.util.Optional.of(out);
        }

        /** Rejects keys nobody asked for. */
        void done() {
            Set<String> unknown = new TreeSet<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!seen.contains(k)) {
                    unknown.add(prefix + k);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        where + ": unknown key(s) " + unknown + " (known here: " + seen + ")");
            }
        }
    }
}
