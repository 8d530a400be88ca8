package dev.house.core.sse;

import dev.house.core.http.Request;

/**
 * An open SSE stream to one client, for events meant for that client alone (a welcome, a reply
 * to its own action). Every method may be called from any thread and none blocks.
 */
public interface EventStream {

    /** The request that opened the stream. */
    Request request();

    /**
     * Queues {@code event} for this client.
     *
     * @return {@code false} when the stream has already ended (the event is dropped)
     */
    boolean emit(SseEvent event);

    /** Ends the stream after what is already queued; idempotent. */
    void close();

    boolean isOpen();

    /** Runs {@code callback} once on the stream's event loop when the stream ends for any reason. */
    void onClose(Runnable callback);
}
