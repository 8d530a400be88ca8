package dev.house.core.io;

import java.nio.ByteBuffer;

/**
 * A protocol the server speaks, plugged in by name. The names are offered in TLS ALPN in
 * registration order; on a plain port the first factory that {@linkplain #accepts accepts} the
 * connection's first bytes gets it (so the HTTP/2 prior-knowledge preface, {@code PRI * HTTP/2.0},
 * is recognised ahead of HTTP/1.1, which accepts anything and so goes last).
 */
public interface ProtocolFactory {

    /** The ALPN protocol id, e.g. {@code http/1.1} or {@code h2}. */
    String name();

    /**
     * Whether a plain (not TLS) connection starting with {@code firstBytes} speaks this protocol.
     * Must not move {@code firstBytes}' position.
     */
    boolean accepts(ByteBuffer firstBytes);

    /**
     * Whether {@code firstBytes} are too few to decide: they could still become bytes this
     * protocol {@linkplain #accepts accepts} (a read shorter than HTTP/2's 24-byte preface). The
     * connection then waits for more before choosing. Must not move the position.
     */
    default boolean undecided(ByteBuffer firstBytes) {
        return false;
    }

    /** A protocol handler for a new connection. */
    Protocol open(Connection connection);

    /**
     * Answers a connection refused before the protocol was known (over the connection limit),
     * e.g. with a 503, then closes it gracefully.
     */
    void reject(Connection connection, String reason);

    /**
     * Bytes answered in clear text to a client that spoke plain text on the TLS port (before the
     * connection closes), or {@code null} to just close it.
     */
    byte[] plaintextOnTlsPortReply();
}
