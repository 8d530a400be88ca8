package dev.house.core.http2;

import dev.house.core.http.Request;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.io.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ResponseStream} of one HTTP/2 stream (an SSE subscription, a chunked download):
 * chunks become DATA frames of that stream only, so its siblings on the connection are not
 * affected by its window. Calls from other threads hop to the connection's loop.
 */
final class Http2ResponseStream implements ResponseStream {
    private static final Logger log = LoggerFactory.getLogger(Http2ResponseStream.class);

    private final Http2Session session;
    private final Http2Exchange exchange;
    private final Request request;
    private final EventLoop loop;
    private volatile long maxPendingBytes;
    private volatile boolean open = true;
    private boolean ended;
    /** Set on the loop when this stream was reset as a slow consumer. */
    volatile boolean cutOff;
    private volatile StreamChunk farewell;
    private List<Runnable> closeCallbacks;

    Http2ResponseStream(Http2Session session, Http2Exchange exchange, Request request, EventLoop loop,
                        long maxPendingBytes) {
        this.session = session;
        this.exchange = exchange;
        this.request = request;
        this.loop = loop;
        this.maxPendingBytes = maxPendingBytes;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public EventLoop executor() {
        return loop;
    }

    @Override
    public boolean send(StreamChunk chunk) {
        if (!open) {
            return false;
        }
        if (loop.inEventLoop()) {
            return session.sendChunk(exchange, chunk);
        }
        loop.execute(() -> session.sendChunk(exchange, chunk));
        return true;
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            loop.executeOrRun(() -> session.endStream(exchange));
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** This stream's bytes waiting for window; exact on the loop. */
    @Override
    public long pendingBytes() {
        return session.pendingBytes(exchange);
    }

    @Override
    public boolean cutOff() {
        return cutOff;
    }

    @Override
    public long maxPendingBytes() {
        return maxPendingBytes;
    }

    @Override
    public void maxPendingBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be positive: " + bytes);
        }
        this.maxPendingBytes = bytes;
    }

    @Override
    public void farewell(StreamChunk chunk) {
        this.farewell = chunk;
    }

    StreamChunk farewell() {
        return farewell;
    }

    @Override
    public void onClose(Runnable callback) {
        loop.executeOrRun(() -> {
            if (ended) {
                run(callback);
                return;
            }
            if (closeCallbacks == null) {
                closeCallbacks = new ArrayList<>(2);
            }
            closeCallbacks.add(callback);
        });
    }

    /** The stream ended, for any reason; on the loop. */
    void ended() {
        if (ended) {
            return;
        }
        open = false;
        ended = true;
        request.endExchange();
        List<Runnable> callbacks = closeCallbacks;
        closeCallbacks = null;
        if (callbacks != null) {
            for (Runnable callback : callbacks) {
                run(callback);
            }
        }
    }

    private void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.error("stream close callback failed for request {}", request.id(), e);
        }
    }

    @Override
    public String toString() {
        return "HTTP/2 stream " + exchange.id + " of " + request;
    }
}
