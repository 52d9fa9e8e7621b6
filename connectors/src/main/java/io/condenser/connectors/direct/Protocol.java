package io.condenser.connectors.direct;

/** The listeners a direct source can run; each has its own port and its own split per subtask. */
public enum Protocol {
    /** Influx line protocol over TCP (Telegraf outputs.socket_writer), identity or gzip. */
    TCP_LINE_PROTOCOL("tcp-line-protocol"),
    /** Graphite plaintext over TCP (collectd write_graphite, Telegraf data_format = "graphite"). */
    TCP_GRAPHITE("tcp-graphite"),
    /** Influx v1/v2 writes, Prometheus remote-write 1.0, health endpoints. */
    HTTP("http");

    private final String id;

    Protocol(String id) {
        this.id = id;
    }

    /** A stable token used in split ids, metrics and serialized state: never change it. */
    public String id() {
        return id;
    }

    public static Protocol fromId(String id) {
        for (Protocol p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + id + "'");
    }
}
