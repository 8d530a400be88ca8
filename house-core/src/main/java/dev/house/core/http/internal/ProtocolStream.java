package dev.house.core.http.internal;

import dev.house.core.http.Request;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every protocol's {@link ResponseStream} does the same way: the open flag, the slow-consumer
 * bound and cut-off mark, the farewell chunk, the close callbacks, and the hop onto the owning
 * loop for calls from other threads. A protocol adds how a chunk and the end go on its wire
 * (HTTP/1.1 chunks on the connection, HTTP/2 DATA frames of one stream).
 *
 * <p>An idle SSE subscription is one of these held for hours, so it keeps no more than it needs:
 * opening it tells the request it is kept for the stream's life ({@link RequestAccess#keepForStream}),
 * and the usual single close callback is held without a list.
 */
public abstract class ProtocolStream implements ResponseStream {
    private static final Logger log = LoggerFactory.getLogger(ProtocolStream.class);

    private final Request request;
    private final StreamExecutor loop;
    private volatile long maxPendingBytes;
    private volatile boolean open = true;
    private volatile boolean cutOff;
    private boolean ended;
    private volatile StreamChunk farewell;
    /**
     * Null, the one callback, or a {@code Runnable[]} of several in the order given (an SSE
     * subscription registers two), grown by one each time: streams have a few, and a list's
     * spare capacity would be paid per idle stream. On the loop.
     */
    private Object closeCallbacks;

    /** Opens the stream; on {@code loop}, before the handler sees it. */
    protected ProtocolStream(Request request, StreamExecutor loop, long maxPendingBytes) {
        this.request = request;
        this.loop = loop;
        this.maxPendingBytes = maxPendingBytes;
        RequestAccess.keepForStream(request);
    }

    /** Puts a chunk on the wire, or queues it there; on the loop. Returns false when the stream is over. */
    protected abstract boolean write(StreamChunk chunk);

    /** Ends the stream on the wire after what is queued; on the loop. */
    protected abstract void end();

    @Override
    public final Request request() {
        return request;
    }

    @Override
    public StreamExecutor executor() {
        return loop;
    }

    @Override
    public final boolean send(StreamChunk chunk) {
        if (!open) {
            return false;
        }
        if (loop.inEventLoop()) {
            return write(chunk);
        }
        loop.execute(() -> write(chunk));
        return true;
    }

    @Override
    public final void close() {
        if (open) {
            open = false;
            loop.executeOrRun(this::end);
        }
    }

    @Override
    public final boolean isOpen() {
        return open;
    }

    @Override
    public final boolean cutOff() {
        return cutOff;
    }

    /** The connection reset or dropped this stream as a slow consumer; on the loop, before {@link #ended}. */
    public final void markCutOff() {
        cutOff = true;
    }

    @Override
    public final long maxPendingBytes() {
        return maxPendingBytes;
    }

    @Override
    public final void maxPendingBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be positive: " + bytes);
        }
        this.maxPendingBytes = bytes;
    }

    @Override
    public final void farewell(StreamChunk chunk) {
        this.farewell = chunk;
    }

    /** The chunk to send before a server shutdown ends the stream, or null; the protocol sends it. */
    public final StreamChunk farewell() {
        return farewell;
    }

    @Override
    public final void onClose(Runnable callback) {
        loop.executeOrRun(() -> {
            if (ended) {
                run(callback);
            } else if (closeCallbacks == null) {
                closeCallbacks = callback;
            } else if (closeCallbacks instanceof Runnable[] several) {
                Runnable[] more = Arrays.copyOf(several, several.length + 1);
                more[several.length] = callback;
                closeCallbacks = more;
            } else {
                closeCallbacks = new Runnable[] {(Runnable) closeCallbacks, callback};
            }
        });
    }

    /** The stream ended, for any reason: it takes nothing more and its close callbacks run once; on the loop. */
    public final void ended() {
        if (ended) {
            return;
        }
        open = false;
        ended = true;
        RequestAccess.endExchange(request);
        Object callbacks = closeCallbacks;
        closeCallbacks = null;
        if (callbacks instanceof Runnable[] several) {
            for (Runnable callback : several) {
                run(callback);
            }
        } else if (callbacks != null) {
            run((Runnable) callbacks);
        }
    }

    private void run(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.error("stream close callback failed for request {}", request.id(), e);
        }
    }
}
