package io.condenser.jobs.rules.file;

import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Rule sets from a rules file or directory, re-read when it changes (unbounded). One split, so one
 * reader polls; run it at parallelism 1.
 *
 * <pre>{@code
 * RuleFileSource rules = RuleFileSource.builder(Path.of("/etc/condenser/rules")).build();
 * env.fromSource(rules, WatermarkStrategy.noWatermarks(), "rules").setParallelism(1);
 * }</pre>
 */
public final class RuleFileSource
        implements Source<RuleSetUpdate, RuleFileSplit, RuleFileEnumeratorState>,
                ResultTypeQueryable<RuleSetUpdate> {

    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);

    private final String path;
    private final long pollIntervalMs;

    private RuleFileSource(String path, long pollIntervalMs) {
        this.path = path;
        this.pollIntervalMs = pollIntervalMs;
    }

    public static Builder builder(Path path) {
        return new Builder(path);
    }

    public String path() {
        return path;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(pollIntervalMs);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<RuleSetUpdate, RuleFileSplit> createReader(SourceReaderContext context) {
        return new RuleFileReader(path, pollIntervalMs);
    }

    @Override
    public SplitEnumerator<RuleFileSplit, RuleFileEnumeratorState> createEnumerator(
            SplitEnumeratorContext<RuleFileSplit> context) {
        return new RuleFileEnumerator(context, new RuleFileSplit(path, 0, ""));
    }

    @Override
    public SplitEnumerator<RuleFileSplit, RuleFileEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<RuleFileSplit> context, RuleFileEnumeratorState checkpoint) {
        RuleFileSplit split = checkpoint.unassigned();
        // the path comes from the configuration, so moving the rules directory survives a restore
        return new RuleFileEnumerator(
                context,
                split == null ? null : new RuleFileSplit(path, split.version(), split.digest()));
    }

    @Override
    public SimpleVersionedSerializer<RuleFileSplit> getSplitSerializer() {
        return RuleFileSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<RuleFileEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new RuleFileEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<RuleSetUpdate> getProducedType() {
        return RuleSetUpdateTypeInfoFactory.TYPE_INFO;
    }

    public static final class Builder {
        private final Path path;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public RuleFileSource build() {
            if (pollInterval == null || pollInterval.toMillis() < 1) {
                throw new IllegalArgumentException(
                        "rules poll interval must be >= 1ms, got " + pollInterval);
            }
            return new RuleFileSource(path.toAbsolutePath().toString(), pollInterval.toMillis());
        }
    }
}
