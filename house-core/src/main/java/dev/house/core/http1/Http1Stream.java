package dev.house.core.http1;

import dev.house.core.http.Request;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.internal.ProtocolStream;
import dev.house.core.io.EventLoop;

/**
 * The {@link ResponseStream} of an HTTP/1.1 connection in the STREAMING state. Calls from other
 * threads hop to the connection's loop; calls on the loop write at once. It hands payload to the
 * connection, which frames it (a chunk on HTTP/1.1, bare bytes on a close-delimited HTTP/1.0 body).
 */
final class Http1Stream extends ProtocolStream {
    private final Http1Connection connection;
    /** Whether the body is chunk-framed (HTTP/1.1) rather than close-delimited (HTTP/1.0). */
    private final boolean chunked;

    Http1Stream(Http1Connection connection, Request request, EventLoop loop, boolean chunked, long maxPendingBytes) {
        super(request, loop, maxPendingBytes);
        this.connection = connection;
        this.chunked = chunked;
    }

    @Override
    protected boolean write(StreamChunk chunk) {
        return connection.sendChunk(chunk, chunked, maxPendingBytes());
    }

    /** Exact on the loop; a recent value elsewhere. */
    @Override
    public long pendingBytes() {
        return connection.pendingBytes();
    }

    /** Ends the stream on the wire (the last chunk, then close); on the loop. */
    @Override
    protected void end() {
        connection.endStream(chunked);
    }

    /** Writes the farewell chunk before a server shutdown ends the stream; on the loop. */
    void sendFarewell() {
        StreamChunk chunk = farewell();
        if (chunk != null && isOpen()) {
            write(chunk);
        }
    }

    @Override
    public String toString() {
        return "stream of " + request();
    }
}
