package io.condenser.connectors.direct.enumerator;

import io.condenser.connectors.direct.split.ListenerSplit;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The splits the enumerator has handed out, so a restored job does not hand them out twice. */
public record DirectEnumeratorState(Set<ListenerSplit> assigned) {

    public DirectEnumeratorState {
        assigned = Collections.unmodifiableSet(new LinkedHashSet<>(assigned));
    }

    public static DirectEnumeratorState empty() {
        return new DirectEnumeratorState(Set.of());
    }
}
