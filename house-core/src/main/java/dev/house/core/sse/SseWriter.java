package dev.house.core.sse;

import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;

/**
 * The SSE side of one open {@link ResponseStream}: writes shared chunks, notes when it last wrote
 * (for heartbeats) and tells a slow client cut off apart from one that left. Confined to the
 * stream's event loop, so it needs no synchronisation.
 */
final class SseWriter {
    /** What became of a chunk handed to {@link #write}. */
    enum Outcome { SENT, CLOSED, CUT_OFF }

    /** Allowance for the HTTP/1.1 chunk framing around a payload (size line and CRLFs). */
    private static final int FRAMING = 12;

    private final ResponseStream stream;
    private long lastWriteNanos;

    SseWriter(ResponseStream stream) {
        this.stream = stream;
        this.lastWriteNanos = stream.eventLoop().now();
    }

    ResponseStream stream() {
        return stream;
    }

    boolean isOpen() {
        return stream.isOpen();
    }

    /**
     * Sends {@code chunk} unless the stream has ended. A client whose unwritten output would pass
     * the stream's bound is too slow: it is cut off (the core drops the connection) rather than
     * buffered for, so memory per connection stays bounded.
     */
    Outcome write(StreamChunk chunk) {
        if (!stream.isOpen()) {
            return Outcome.CLOSED;
        }
        boolean tooSlow = stream.pendingBytes() + chunk.length() + FRAMING > stream.maxPendingBytes();
        stream.send(chunk);
        lastWriteNanos = stream.eventLoop().now();
        if (tooSlow || !stream.isOpen()) {
            stream.close(); // a no-op when the core has already cut it off
            return Outcome.CUT_OFF;
        }
        return Outcome.SENT;
    }

    /** Whether nothing was written for at least {@code idleNanos} as of {@code nowNanos}. */
    boolean idleFor(long idleNanos, long nowNanos) {
        return nowNanos - lastWriteNanos >= idleNanos;
    }
}
