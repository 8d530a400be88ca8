package dev.house.core.sse;

import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.sse.spi.Subscriber.Outcome;

/**
 * The SSE side of one open {@link ResponseStream}: writes shared chunks, notes when it last wrote
 * (for heartbeats) and tells a slow client cut off apart from one that left. Confined to the
 * stream's event loop, so it needs no synchronisation.
 */
final class SseWriter {
    private final ResponseStream stream;
    private long lastWriteNanos;

    SseWriter(ResponseStream stream) {
        this.stream = stream;
        this.lastWriteNanos = stream.executor().now();
    }

    ResponseStream stream() {
        return stream;
    }

    boolean isOpen() {
        return stream.isOpen();
    }

    /**
     * Sends {@code chunk} unless the stream has ended. The core cuts off a client whose unwritten
     * output would pass the stream's bound (so memory per connection stays bounded); that case
     * is told apart from a client that simply went away.
     */
    Outcome write(StreamChunk chunk) {
        if (!stream.isOpen()) {
            return Outcome.SKIPPED;
        }
        stream.send(chunk);
        lastWriteNanos = stream.executor().now();
        if (stream.isOpen()) {
            return Outcome.SENT;
        }
        return stream.cutOff() ? Outcome.CUT_OFF : Outcome.SKIPPED;
    }

    /** Whether nothing was written for at least {@code idleNanos} as of {@code nowNanos}. */
    boolean idleFor(long idleNanos, long nowNanos) {
        return nowNanos - lastWriteNanos >= idleNanos;
    }
}
