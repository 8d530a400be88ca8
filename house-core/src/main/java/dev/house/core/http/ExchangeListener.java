package dev.house.core.http;

/**
 * Observes each exchange's life (received, routed, completed, failed): the hook for metrics and
 * for debug logging of requests. Called on event loops and worker threads, so implementations
 * must be thread-safe and fast; they must not throw.
 */
public interface ExchangeListener {

    /** A request was parsed completely. */
    default void received(Request request) {
    }

    /** The router chose a route for the request. */
    default void routed(Request request, Route route) {
    }

    /**
     * The response was handed to the connection (its bytes may still be in flight).
     *
     * @param route the route that answered, or {@code null} when the request never reached one
     * @param nanos time from the request being parsed to its response being queued
     */
    default void completed(Request request, Route route, Response response, long nanos) {
    }

    /** Handling failed with an unexpected exception (answered 500), or the client left first. */
    default void failed(Request request, Throwable error) {
    }

    /** A listener that does nothing. */
    ExchangeListener NONE = new ExchangeListener() {
    };
}
