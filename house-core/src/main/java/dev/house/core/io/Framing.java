package dev.house.core.io;

import java.nio.ByteBuffer;

/**
 * How a protocol frames a payload that many connections share (an SSE event sent to every
 * subscriber) when {@link Connection#writeShared} finally writes it: an HTTP/1.1 chunk, the bare
 * bytes of a close-delimited body, an HTTP/2 DATA frame. Framing happens at flush time, straight
 * into the loop's direct write buffer, so queuing a shared payload costs no allocation. A
 * framing is stateless or belongs to one stream; it is called on the connection's loop.
 */
public interface Framing {

    /** The payload's length on the wire, framing included. */
    int wireLength(int payloadLength);

    /** Puts {@code payload} framed into {@code dst}, which has {@link #wireLength} bytes free. */
    void frame(ByteBuffer dst, byte[] payload);
}
