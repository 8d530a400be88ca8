package dev.house.core.http2;

import dev.house.core.http.Request;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.internal.ProtocolStream;
import dev.house.core.io.EventLoop;

/**
 * The {@link ResponseStream} of one HTTP/2 stream (an SSE subscription, a chunked download):
 * chunks become DATA frames of that stream only, so its siblings on the connection are not
 * affected by its window. Calls from other threads hop to the connection's loop.
 */
final class Http2ResponseStream extends ProtocolStream {
    private final Http2Session session;
    private final Http2Exchange exchange;

    Http2ResponseStream(Http2Session session, Http2Exchange exchange, Request request, EventLoop loop,
                        long maxPendingBytes) {
        super(request, loop, maxPendingBytes);
        this.session = session;
        this.exchange = exchange;
    }

    @Override
    protected boolean write(StreamChunk chunk) {
        return session.sendChunk(exchange, chunk);
    }

    @Override
    protected void end() {
        session.endStream(exchange);
    }

    /** This stream's bytes waiting for window; exact on the loop. */
    @Override
    public long pendingBytes() {
        return session.pendingBytes(exchange);
    }

    @Override
    public String toString() {
        return "HTTP/2 stream " + exchange.id + " of " + request();
    }
}
