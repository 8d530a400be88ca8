package dev.house.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A blocking TLS client over {@link SSLEngine}, for what {@code SSLSocket} hides: whether the
 * server's {@code close_notify} arrived before its TCP close, and sending our own without closing.
 */
final class EngineClient implements AutoCloseable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private final Socket socket;
    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer netIn;
    private final ByteBuffer app;
    private final StringBuilder received = new StringBuilder();
    private boolean tcpEnded;

    EngineClient(SSLContext context, int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        engine = context.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
        engine.beginHandshake();
        while (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING && !tcpEnded) {
            step();
        }
    }

    void send(String text) throws IOException {
        wrap(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends {@code close_notify} while keeping the TCP connection and the reading side open. */
    void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            wrap(EMPTY);
        }
    }

    /**
     * Reads until the server's {@code close_notify} or its TCP close; true when
     * {@code close_notify} came first. Fails on a read timeout.
     */
    boolean readUntilClosedCleanly() throws IOException {
        while (!engine.isInboundDone() && !tcpEnded) {
            step();
        }
        return engine.isInboundDone();
    }

    /** The application data received so far. */
    String received() {
        return received.toString();
    }

    private void step() throws IOException {
        switch (engine.getHandshakeStatus()) {
            case NEED_TASK -> {
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
            }
            case NEED_WRAP -> wrap(EMPTY);
            default -> unwrap();
        }
    }

    private void unwrap() throws IOException {
        netIn.flip();
        SSLEngineResult r = engine.unwrap(netIn, app);
        netIn.compact();
        app.flip();
        received.append(StandardCharsets.US_ASCII.decode(app));
        app.clear();
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                || (r.bytesConsumed() == 0 && r.getStatus() == SSLEngineResult.Status.OK)) {
            byte[] chunk = new byte[netIn.remaining()];
            int n = in.read(chunk); // a SocketTimeoutException here fails the test
            if (n < 0) {
                tcpEnded = true;
            } else {
                netIn.put(chunk, 0, n);
            }
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            net.clear();
            engine.wrap(src, net);
            net.flip();
            out.write(net.array(), 0, net.limit());
        } while (src.hasRemaining());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
