package dev.house.core.http2;

import dev.house.core.http.HttpLimits;
import dev.house.core.io.Connection;
import dev.house.core.io.Protocol;
import dev.house.core.io.ProtocolFactory;
import java.nio.ByteBuffer;

/**
 * HTTP/2 (RFC 9113) as a {@link ProtocolFactory}: ALPN id {@code h2} on TLS, and on a plain port
 * the connections that open with the prior-knowledge preface ({@code PRI * HTTP/2.0}, §3.3). It
 * goes before HTTP/1.1 in the server's list, which keeps every other connection. The
 * deprecated {@code Upgrade: h2c} dance is not offered.
 */
public final class Http2 implements ProtocolFactory {
    private final Http2Config config;

    /**
     * @param maxConcurrentStreams SETTINGS_MAX_CONCURRENT_STREAMS; streams beyond are refused
     * @param initialWindowSize SETTINGS_INITIAL_WINDOW_SIZE granted to each request body
     * @param maxFrameSize SETTINGS_MAX_FRAME_SIZE we accept
     * @param limits the server's request limits: {@code maxHeaderSize} becomes
     *     SETTINGS_MAX_HEADER_LIST_SIZE, {@code maxBodySize} bounds the window a body is granted
     */
    public Http2(int maxConcurrentStreams, int initialWindowSize, int maxFrameSize, HttpLimits limits) {
        this.config = Http2Config.defaults()
                .withMaxConcurrentStreams(maxConcurrentStreams)
                .withInitialWindowSize(initialWindowSize)
                .withMaxFrameSize(maxFrameSize)
                .withMaxHeaderListSize(limits.maxHeaderSize())
                .withMaxBodySize(limits.maxBodySize());
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean accepts(ByteBuffer firstBytes) {
        return firstBytes.remaining() >= Http2Connection.PREFACE.length && matchesPreface(firstBytes);
    }

    @Override
    public boolean undecided(ByteBuffer firstBytes) {
        return firstBytes.remaining() < Http2Connection.PREFACE.length && matchesPreface(firstBytes);
    }

    /** Whether the first bytes (up to the preface's length) are the preface's. */
    private static boolean matchesPreface(ByteBuffer bytes) {
        int n = Math.min(bytes.remaining(), Http2Connection.PREFACE.length);
        int at = bytes.position();
        for (int i = 0; i < n; i++) {
            if (bytes.get(at + i) != Http2Connection.PREFACE[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Protocol open(Connection connection) {
        return new Http2Session(connection, config);
    }

    @Override
    public void reject(Connection connection, String reason) {
        // Only the default protocol (HTTP/1.1) answers before the protocol is known.
        connection.closeAfterFlush();
    }

    @Override
    public byte[] plaintextOnTlsPortReply() {
        return null;
    }
}
