package io.condenser.jobs.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything a path run started, stopped in reverse order however the run ends; a failure to stop
 * one thing is reported and the rest are still stopped.
 */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        if (resource != null) {
            open.push(resource);
        }
        return resource;
    }

    @Override
    public void close() {
        while (!open.isEmpty()) {
            AutoCloseable c = open.pop();
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("condenser bench: stopping " + c + ": " + e.getMessage());
            }
        }
    }
}
