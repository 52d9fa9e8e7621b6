package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.util.Optional;
import org.apache.flink.runtime.throwable.ThrowableAnnotation;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.apache.flink.util.SerializedThrowable;

/**
 * A listener cannot start on its configuration: the port is in use, the address is not this host's,
 * the port needs privileges, the TLS key pair or a credentials file cannot be read. The message is
 * one line naming port, address and listener, e.g. {@code port 8086 on 127.0.0.1 (HTTP) is in use},
 * so a launcher can print it as it is.
 *
 * <p>Annotated {@link ThrowableType#NonRecoverableError}: Flink's failure handler finds it in the
 * cause chain and fails the job for good instead of restarting it forever on a configuration error
 * (Flink's own {@code SuppressRestartsException} does the same, but would put its generic message
 * first).
 */
@ThrowableAnnotation(ThrowableType.NonRecoverableError)
public final class ListenerBindException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    private ListenerBindException(String message, IOException cause) {
        super(message, cause);
    }

    /** A bind failure: {@code port P on A (LISTENER) is in use}, or the OS's reason. */
    static ListenerBindException bind(String address, int port, Protocol protocol, IOException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage();
        String what =
                e instanceof BindException && reason.toLowerCase().contains("in use")
                        ? "is in use"
                        : "cannot be bound: " + oneLine(reason);
        return new ListenerBindException(where(address, port, protocol) + " " + what, e);
    }

    /** Anything else that stops a listener from starting: {@code port P on A (LISTENER) <why>}. */
    static ListenerBindException cannotStart(
            String address, int port, Protocol protocol, String why, Throwable cause) {
        return new ListenerBindException(
                where(address, port, protocol) + " " + oneLine(why),
                cause instanceof IOException io ? io : new IOException(cause));
    }

    private static String where(String address, int port, Protocol protocol) {
        return "port " + port + " on " + address + " (" + displayName(protocol) + ")";
    }

    /** How users call the listeners: {@code HTTP}, {@code line protocol}, {@code Graphite}. */
    public static String displayName(Protocol protocol) {
        return switch (protocol) {
            case HTTP -> "HTTP";
            case TCP_LINE_PROTOCOL -> "line protocol";
            case TCP_GRAPHITE -> "Graphite";
        };
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /**
     * The message of a {@code ListenerBindException} anywhere in a cause chain, also when the chain
     * crossed a process boundary as Flink's {@link SerializedThrowable} (a job result read by a
     * client): matched by class name, so a different class loader does not hide it.
     */
    public static Optional<String> messageIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name =
                    t instanceof SerializedThrowable s
                            ? s.getOriginalErrorClassName()
                            : t.getClass().getName();
            if (ListenerBindException.class.getName().equals(name)) {
                return Optional.ofNullable(t.getMessage());
            }
        }
        return Optional.empty();
    }
}
