package io.condenser.connectors.direct;

import io.condenser.connectors.parse.SampleParser;
import java.io.Serializable;

/**
 * Creates the parsers the direct source uses, so the source does not hard-wire parser classes (and
 * tests can inject simple ones). Shipped to the TaskManagers with the source, hence serializable.
 * Every call returns a new parser: parsers are not thread-safe and each connection or request gets
 * its own.
 */
public interface DirectParsers extends Serializable {

    /**
     * An Influx line-protocol parser for a timestamp precision as the {@code precision} query
     * parameter spells it (v1: {@code n, u, ms, s, m, h}; v2: {@code ns, us, ms, s}); null or empty
     * means nanoseconds.
     *
     * @throws IllegalArgumentException for an unknown precision (answered with 400)
     */
    SampleParser lineProtocol(String precision);

    /** A Graphite plaintext parser. */
    SampleParser graphite();

    /** A Prometheus remote-write 1.0 request parser (snappy-compressed protobuf body). */
    SampleParser remoteWrite();
}
