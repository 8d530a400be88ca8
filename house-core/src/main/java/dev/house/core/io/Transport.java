package dev.house.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * How a connection's application bytes reach the socket: as they are, or through TLS. The
 * connection speaks only in application bytes; a transport may hold a little of its own
 * (TLS records), reported by {@link #hasPendingOutput()} and {@link #hasBufferedInput()} so the
 * connection can keep the right selector interest. Loop-confined, non-blocking.
 */
interface Transport {

    /** Reads application bytes into {@code dst}; -1 when the peer's input has ended. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes application bytes; returns how many were taken (possibly 0). */
    long write(ByteBuffer[] srcs, int offset, int length) throws IOException;

    default int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    /** Sends up to {@code count} bytes of {@code file} from {@code position}; returns bytes taken. */
    long transferFrom(FileChannel file, long position, long count) throws IOException;

    /** Whether the transport itself holds bytes for the socket (written on the next flush). */
    boolean hasPendingOutput();

    /** Bytes held by the transport for the socket. */
    long pendingOutputBytes();

    /** Tries to write what the transport holds; true when nothing is left. */
    boolean flushPending() throws IOException;

    /** Whether decoded input is waiting that the socket will not signal again. */
    boolean hasBufferedInput();

    /** Whether the transport cannot make progress on reads right now (a TLS task is running). */
    boolean readBlocked();

    /** Whether the TLS handshake (if any) is still going on. */
    boolean handshaking();

    /** Ends our output politely (TLS close_notify, then FIN). */
    void shutdownOutput() throws IOException;

    /** Releases the socket. */
    void close();

    /** The ALPN protocol the TLS handshake agreed on; {@code null} for plain connections or none. */
    String applicationProtocol();

    /** Details of the secure session, or {@code null} for plain connections. */
    dev.house.core.http.TlsInfo tlsInfo();
}
