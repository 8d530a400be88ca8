package dev.house.core.http2;

import dev.house.core.http.HttpHeaders;
import java.nio.ByteBuffer;

/**
 * The hand-off from an {@link Http2Connection} to the rest of house: request heads and body data
 * in, per stream. Called on the connection's event loop; answers go back through
 * {@link Http2Connection#respond}, {@link Http2Connection#send} and {@link Http2Connection#reset}.
 */
interface Http2Handler {
    /** A new, valid request on {@code streamId}; {@code endStream} if it has no body. */
    void request(int streamId, Http2Request request, boolean endStream);

    /** Body data (valid only during the call); {@code endStream} marks the end of the request. */
    void data(int streamId, ByteBuffer data, boolean endStream);

    /**
     * The stream ended before its exchange completed: the peer reset it, or it was reset for an
     * error. Stop producing its response (an SSE subscription unsubscribes here).
     */
    void closed(int streamId, Http2Error reason);

    /**
     * The response to a request the connection refuses itself (413, 431): the same error body
     * and fields a handler's error would get, {@code detail} naming the limit; null for none.
     */
    default Refusal refusal(int status, String detail) {
        return null;
    }

    /** A refusal's response fields (its length included) and body. */
    record Refusal(HttpHeaders headers, byte[] body) {
    }

    /** A stream's send window opened after its queued data waited for it; to resume producing. */
    default void writable(int streamId) {
    }

    /** A stream error we detected (for logs and metrics); the stream is already reset. */
    default void streamError(int streamId, Http2Error error, String message) {
    }

    /** The peer answered a PING of ours (the shutdown's GOAWAY has reached it). */
    default void pingAcknowledged(long data) {
    }

    /** A connection error we detected; GOAWAY is written and the connection should close once drained. */
    default void connectionError(Http2Error error, String message) {
    }
}
