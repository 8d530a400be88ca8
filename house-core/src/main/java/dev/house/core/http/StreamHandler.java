package dev.house.core.http;

/** Receives a streaming response's {@link ResponseStream} once its headers are on their way. */
@FunctionalInterface
public interface StreamHandler {
    /** Called on the connection's event loop; must not block. */
    void onOpen(ResponseStream stream);
}
