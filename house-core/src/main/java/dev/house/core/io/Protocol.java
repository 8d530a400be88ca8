package dev.house.core.io;

import java.nio.ByteBuffer;

/**
 * What a {@link Connection} hands its bytes to: one protocol's view of one connection (HTTP/1.1
 * today, HTTP/2 next). The connection moves bytes, keeps selector interest, queues output and
 * closes; the protocol decides what the bytes mean, what to write back and when to close. All
 * methods run on the connection's {@link EventLoop}.
 *
 * <p>Made by a {@link ProtocolFactory}, chosen per connection by {@link ProtocolSelector}.
 */
public interface Protocol {

    /**
     * Application bytes read from the peer. {@code in} is the loop's shared read buffer: what the
     * protocol leaves in it is gone when this returns, so it must copy what it keeps.
     */
    void onInput(ByteBuffer in);

    /** The peer ended its output (a FIN, or TLS close_notify). */
    void onEndOfInput();

    /** Every queued byte reached the socket; a protocol holding input back may go on. */
    void onOutputDrained();

    /**
     * Periodic check of the protocol's deadlines (request timeout, idle keep-alive). The
     * connection checks write progress itself, after this.
     */
    void sweep(long now, long requestTimeoutNanos, long idleTimeoutNanos);

    /**
     * The server is stopping: end gracefully (idle: close now; busy: after the current work).
     * Long-lived streams end through {@link Connection#endStreamInDrain(Runnable)}, which spreads
     * them over the server's drain window.
     */
    void beginShutdown();

    /**
     * The end of a loop pass in which the protocol called {@link Connection#flushAtEndOfPass}:
     * write what it queued during the pass (frames of many streams), so it leaves in one write.
     * Called once per such pass, before the connection's shared payloads are written.
     */
    default void onEndOfPass() {
    }

    /** The connection released its socket; release what the protocol holds. Called once. */
    void onClosed();
}
