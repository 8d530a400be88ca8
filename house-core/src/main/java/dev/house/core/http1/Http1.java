package dev.house.core.http1;

import dev.house.core.http.HttpStatus;
import dev.house.core.io.Connection;
import dev.house.core.io.Protocol;
import dev.house.core.io.ProtocolFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 (and 1.0) as a {@link ProtocolFactory}: ALPN id {@code http/1.1}; on a plain port it
 * takes any connection no other protocol claimed, so it goes last in the server's list but is the
 * default.
 */
public final class Http1 implements ProtocolFactory {
    private static final byte[] PLAINTEXT_ON_TLS_PORT = ("HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: 52\r\n\r\n"
            + "This port speaks HTTPS: use an https:// address.\n\n\n").getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return "http/1.1";
    }

    @Override
    public boolean accepts(ByteBuffer firstBytes) {
        return true;
    }

    @Override
    public Protocol open(Connection connection) {
        return new Http1Connection(connection);
    }

    @Override
    public void reject(Connection connection, String reason) {
        Http1Connection.writeErrorAndClose(connection, HttpStatus.SERVICE_UNAVAILABLE, reason);
    }

    @Override
    public byte[] plaintextOnTlsPortReply() {
        return PLAINTEXT_ON_TLS_PORT.clone();
    }
}
