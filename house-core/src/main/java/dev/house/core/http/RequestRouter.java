package dev.house.core.http;

/**
 * The server's single entry into application code: picks the {@link Route} for a request. It runs
 * on the event loop, so it must be fast and never block; it always returns a route (404 and 405
 * are routes too).
 */
@FunctionalInterface
public interface RequestRouter {
    Route route(Request request);
}
