package dev.house.core.http1;

import dev.house.core.http.Request;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.internal.RequestAccess;
import dev.house.core.io.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ResponseStream} of an HTTP/1.1 connection in the STREAMING state. Calls from other
 * threads hop to the connection's loop; calls on the loop write at once. It hands payload to the
 * connection, which frames it (a chunk on HTTP/1.1, bare bytes on a close-delimited HTTP/1.0 body).
 */
final class Http1Stream implements ResponseStream {
    private static final Logger log = LoggerFactory.getLogger(Http1Stream.class);

    private final Http1Connection connection;
    private final Request request;
    private final EventLoop loop;
    /** Whether the body is chunk-framed (HTTP/1.1) rather than close-delimited (HTTP/1.0). */
    private final boolean chunked;
    private volatile long maxPendingBytes;
    private volatile boolean open = true;
    private boolean ended;
    /** Set on the loop when the connection cut this stream off as a slow consumer. */
    volatile boolean cutOff;
    private volatile StreamChunk farewell;
    private List<Runnable> closeCallbacks;

    Http1Stream(Http1Connection connection, Request request, EventLoop loop, boolean chunked, long maxPendingBytes) {
        this.connection = connection;
        this.request = request;
        this.loop = loop;
        this.chunked = chunked;
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
            return write(chunk);
        }
        loop.execute(() -> write(chunk));
        return true;
    }

    private boolean write(StreamChunk chunk) {
        return connection.sendChunk(chunk, chunked, maxPendingBytes);
    }

    @Override
    public void close() {
        if (open) {
            open = false;
            loop.executeOrRun(this::end);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Exact on the loop; a recent value elsewhere. */
    @Override
    public long pendingBytes() {
        return connection.pendingBytes();
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

    /** Ends the stream on the wire (the last chunk, then close); on the loop. */
    void end() {
        connection.endStream(chunked);
    }

    /** Writes the farewell chunk before a server shutdown ends the stream; on the loop. */
    void sendFarewell() {
        StreamChunk chunk = farewell;
        if (chunk != null && open) {
            write(chunk);
        }
    }

    /** The connection ended; on the loop. */
    void closed() {
        open = false;
        ended = true;
        RequestAccess.endExchange(request);
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
        return "stream of " + request;
    }
}
