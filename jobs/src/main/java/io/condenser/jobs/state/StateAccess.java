package io.condenser.jobs.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;

/**
 * Flink's keyed state behind the engine's store interfaces, which do not throw: a state backend
 * failure (RocksDB I/O, a serializer) fails the task, as it would have anyway.
 */
public final class StateAccess {

    private StateAccess() {}

    public static <T> T get(ValueState<T> state) {
        try {
            return state.value();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> void put(ValueState<T> state, T value) {
        try {
            state.update(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> Iterable<T> all(ListState<T> state) {
        try {
            Iterable<T> it = state.get();
            return it == null ? java.util.List.of() : it;
        } catch (Exception e) {
            throw failure(e);
        }
    }

    public static <T> void add(ListState<T> state, T value) {
        try {
            state.add(value);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    public static <K, V> V get(MapState<K, V> state, K key) {
        try {
            return state.get(key);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    public static <K, V> void put(MapState<K, V> state, K key, V value) {
        try {
            state.put(key, value);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    public static <K, V> void remove(MapState<K, V> state, K key) {
        try {
            state.remove(key);
        } catch (Exception e) {
            throw failure(e);
        }
    }

    public static <K, V> Iterable<K> keys(MapState<K, V> state) {
        try {
            return state.keys();
        } catch (Exception e) {
            throw failure(e);
        }
    }

    private static RuntimeException failure(Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        return e instanceof IOException io
                ? new UncheckedIOException(io)
                : new IllegalStateException("keyed state access failed", e);
    }
}
