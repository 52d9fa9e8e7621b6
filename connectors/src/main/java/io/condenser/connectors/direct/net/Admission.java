package io.condenser.connectors.direct.net;

/**
 * What the router makes of a request's head, on the event loop, before any body is read: answer at
 * once (health, 401, 404, 405, 413, 415, 503), or read a body of at most {@code maxBytes} and hand
 * it to a handler on a parser thread.
 */
sealed interface Admission {

    /** The handler of a request whose body has been read; runs on a parser thread. */
    @FunctionalInterface
    interface BodyHandler {
        void handle(HttpExchange exchange) throws Exception;
    }

    /**
     * @param close close the connection after the answer (the client may still be sending a body
     *     nobody will read; it is drained first so the client sees the answer, not a reset)
     */
    record Answer(HttpResponse response, boolean close) implements Admission {}

    record ReadBody(int maxBytes, BodyHandler handler) implements Admission {}

    static Admission answer(HttpResponse response) {
        return new Answer(response, false);
    }

    static Admission answerAndClose(HttpResponse response) {
        return new Answer(response, true);
    }
}
