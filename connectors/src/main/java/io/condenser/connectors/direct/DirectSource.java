package io.condenser.connectors.direct;

import io.condenser.connectors.direct.enumerator.DirectEnumeratorState;
import io.condenser.connectors.direct.enumerator.DirectEnumeratorStateSerializer;
import io.condenser.connectors.direct.enumerator.DirectSourceEnumerator;
import io.condenser.connectors.direct.reader.DirectSourceReader;
import io.condenser.connectors.direct.split.ListenerSplit;
import io.condenser.connectors.direct.split.ListenerSplitSerializer;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.model.Sample;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
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
 * Agents write straight into the job: Influx line protocol over TCP and HTTP, Graphite over TCP,
 * Prometheus remote-write over HTTP. Every subtask serves every enabled port (one split per subtask
 * and protocol, see {@link ListenerSplit}); subtasks on one TaskManager share each port.
 *
 * <pre>{@code
 * DirectSourceConfig config = DirectSourceConfig.builder().bindAddress("0.0.0.0").build();
 * DirectSource source = new DirectSource(config, parsers);
 * EventTimeSource<Sample, ?, ?> timed = EventTimeSource.of(source, eventTime, (s, t) -> s.timestampMs(), ...);
 * env.fromSource(timed, timed.watermarkStrategy(), "direct").uid("direct-source");
 * }</pre>
 */
public final class DirectSource
        implements Source<Sample, ListenerSplit, DirectEnumeratorState>,
                ResultTypeQueryable<Sample> {

    private static final long serialVersionUID = 1L;

    private final DirectSourceConfig config;
    private final DirectParsers parsers;

    public DirectSource(DirectSourceConfig config, DirectParsers parsers) {
        this.config = Objects.requireNonNull(config, "config");
        this.parsers = Objects.requireNonNull(parsers, "parsers");
    }

    public DirectSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<Sample, ListenerSplit> createReader(SourceReaderContext context) {
        return new DirectSourceReader(context, config, parsers);
    }

    @Override
    public SplitEnumerator<ListenerSplit, DirectEnumeratorState> createEnumerator(
            SplitEnumeratorContext<ListenerSplit> context) {
        return new DirectSourceEnumerator(context, protocols(), DirectEnumeratorState.empty());
    }

    @Override
    public SplitEnumerator<ListenerSplit, DirectEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<ListenerSplit> context, DirectEnumeratorState checkpoint) {
        return new DirectSourceEnumerator(context, protocols(), checkpoint);
    }

    private Set<Protocol> protocols() {
        Set<Protocol> enabled = EnumSet.noneOf(Protocol.class);
        enabled.addAll(config.ports().keySet());
        return enabled;
    }

    @Override
    public SimpleVersionedSerializer<ListenerSplit> getSplitSerializer() {
        return ListenerSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<DirectEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new DirectEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<Sample> getProducedType() {
        return SampleTypeInfo.INSTANCE;
    }
}
