package dev.house.core.http;

/**
 * The open end of a long-lived response (an SSE stream, a chunked download): chunks sent here go
 * to the client as they come. Every method may be called from any thread and none blocks; state
 * changes happen on the owning {@link #executor()}, so code already running there is cheapest.
 */
public interface ResponseStream {

    /** The request that opened this stream. */
    Request request();

    /** The thread that owns the stream; tasks run there may call this stream freely. */
    StreamExecutor executor();

    /**
     * Queues a chunk for the client. Past {@link #maxPendingBytes()} of unwritten output the
     * client is too slow and the stream is closed instead.
     *
     * @return {@code false} when the stream is already closed (the chunk is dropped)
     */
    boolean send(StreamChunk chunk);

    /** Ends the stream after what is already queued; idempotent. */
    void close();

    /** Whether the stream can still take chunks. */
    boolean isOpen();

    /** Bytes accepted by {@link #send} but not yet written to the socket. */
    long pendingBytes();

    /** The bound on {@link #pendingBytes()} past which the client is disconnected. */
    long maxPendingBytes();

    /**
     * Whether the stream ended because the client was too slow: a chunk would have taken its
     * unwritten output past {@link #maxPendingBytes()}. Exact on {@link #executor()}.
     */
    boolean cutOff();

    /** Sets the slow-consumer bound for this stream (defaults to the server's setting). */
    void maxPendingBytes(long bytes);

    /**
     * Sets a chunk written just before the server closes this stream on shutdown, e.g. an SSE
     * {@code retry:} hint so clients reconnect elsewhere.
     */
    void farewell(StreamChunk chunk);

    /**
     * Registers a callback run once on the event loop when the stream ends for any reason: the
     * client went away, {@link #close()}, a slow client cut off, server shutdown. A callback
     * registered after the end runs at once (on the event loop).
     */
    void onClose(Runnable callback);
}
