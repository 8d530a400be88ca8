package dev.house.bench.micro;

import dev.house.core.http.Request;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SSE subscriber with no socket: a {@link ResponseStream} on a real event loop that counts
 * what it is sent, so a benchmark measures house's encoding and fan-out without the kernel.
 */
final class MemoryStream implements ResponseStream {
    private final Request request;
    private final StreamExecutor loop;
    /** Shared by the streams of one loop, written only by that loop. */
    private final AtomicLong deliveries;
    private long bytes;

    MemoryStream(Request request, StreamExecutor loop, AtomicLong deliveries) {
        this.request = request;
        this.loop = loop;
        this.deliveries = deliveries;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public StreamExecutor executor() {
        return loop;
    }

    @Override
    public boolean send(StreamChunk chunk) {
        // What a socket write would touch: the payload of the shared chunk.
        bytes += chunk.length();
        deliveries.lazySet(deliveries.get() + 1); // one writer: this stream's loop
        return true;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        // never closes: the benchmark's subscribers stay for the whole run
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public long pendingBytes() {
        return 0;
    }

    @Override
    public long maxPendingBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public void maxPendingBytes(long bytes) {
        // unbounded: nothing is ever pending
    }

    @Override
    public boolean cutOff() {
        return false;
    }

    @Override
    public void farewell(StreamChunk chunk) {
        // no shutdown farewell needed
    }

    @Override
    public void onClose(Runnable callback) {
        // never closes, so never runs
    }
}
