package dev.house.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * One subscriber's TLS on a non-blocking socket, for {@link SubscriberPool}: drives the client
 * handshake (delegated tasks run inline on the pool's thread), sends the request once it is done,
 * and decrypts what arrives into the pool's plaintext buffer. The ciphertext buffers are shared
 * by every connection of a {@link Factory} (the pool is single-threaded); a connection keeps only
 * its engine and, between reads, the bytes of a record not yet complete.
 */
final class TlsCodec {
    /**
     * The free plaintext room a caller gives each read. {@link SSLEngine#unwrap} wants room for a
     * whole record's plaintext (the session's application buffer size) before every record, so a
     * read takes at most this less that much ciphertext: the plaintext of a read never exceeds its
     * ciphertext, so the room lasts to its last record and nothing but a partial record is left over.
     */
    static final int NET_BUFFER = 64 * 1024;
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final Factory shared;
    private final SSLEngine engine;
    private final SocketChannel channel;
    private final byte[] request;
    private ByteBuffer partial; // the start of a record the next read completes; null when none
    private boolean requestSent;

    private TlsCodec(Factory shared, SSLEngine engine, SocketChannel channel, byte[] request) {
        this.shared = shared;
        this.engine = engine;
        this.channel = channel;
        this.request = request;
    }

    /** Creates the codecs of one pool: its TLS context and the buffers they share. */
    static final class Factory {
        private final SSLContext context;
        private final ByteBuffer netIn;
        private final ByteBuffer netOut;
        private final String[] alpn;

        /** @param alpn the protocols to offer by ALPN, in order; none: no ALPN extension */
        Factory(SSLContext context, String... alpn) {
            this.context = context;
            this.alpn = alpn.clone();
            javax.net.ssl.SSLSession session = context.createSSLEngine().getSession();
            this.netIn = ByteBuffer.allocate(NET_BUFFER - session.getApplicationBufferSize());
            this.netOut = ByteBuffer.allocate(session.getPacketBufferSize());
        }

        /** Starts the handshake on a connected socket; the request follows once it is done. */
        TlsCodec start(SocketChannel channel, byte[] request) throws IOException {
            InetSocketAddress server = (InetSocketAddress) channel.getRemoteAddress();
            SSLEngine engine = context.createSSLEngine(server.getHostString(), server.getPort());
            engine.setUseClientMode(true);
            if (alpn.length > 0) {
                javax.net.ssl.SSLParameters parameters = engine.getSSLParameters();
                parameters.setApplicationProtocols(alpn);
                engine.setSSLParameters(parameters);
            }
            TlsCodec codec = new TlsCodec(this, engine, channel, request);
            engine.beginHandshake();
            codec.advance(engine.getHandshakeStatus());
            return codec;
        }
    }

    /**
     * Reads what the socket has and decrypts it into {@code plain} (at least {@link #NET_BUFFER}
     * bytes free), advancing the handshake on the way; returns the plaintext bytes added, 0 when
     * none yet, -1 when the stream ended.
     */
    int read(ByteBuffer plain) throws IOException {
        if (plain.remaining() < NET_BUFFER) {
            throw new IllegalArgumentException("plaintext buffer smaller than " + NET_BUFFER);
        }
        ByteBuffer net = shared.netIn.clear(); // sized so the plaintext room lasts, see NET_BUFFER
        if (partial != null) {
            net.put(partial);
            partial = null;
        }
        int n = channel.read(net);
        net.flip();
        int before = plain.position();
        boolean closed = unwrap(net, plain);
        if (!requestSent && !closed) {
            advance(engine.getHandshakeStatus()); // whatever ended the handshake, the request follows
        }
        if (net.hasRemaining()) {
            partial = ByteBuffer.allocate(net.remaining()).put(net).flip();
        }
        int produced = plain.position() - before;
        return produced == 0 && (n < 0 || closed) ? -1 : produced;
    }

    /** Where the handshake stands, for failure reports: the engine's status and whether the request went out. */
    String state() {
        return "TLS " + engine.getHandshakeStatus() + (requestSent ? ", request sent" : ", request not sent");
    }

    /** The protocol ALPN agreed on: empty when none was, null while the handshake is not done. */
    String applicationProtocol() {
        return engine.getApplicationProtocol();
    }

    /** Encrypts and writes {@code bytes} (a few hundred at most, after the handshake: HTTP/2 acknowledgements). */
    void send(byte[] bytes) throws IOException {
        write(ByteBuffer.wrap(bytes));
    }

    /** Decrypts every complete record of {@code net}; true when the server closed the session. */
    private boolean unwrap(ByteBuffer net, ByteBuffer plain) throws IOException {
        while (net.hasRemaining()) {
            SSLEngineResult r = engine.unwrap(net, plain);
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> {
                    return false; // a partial record: the rest comes with a later read
                }
                case BUFFER_OVERFLOW -> throw new IllegalStateException("cannot happen: see NET_BUFFER");
                case CLOSED -> {
                    return true;
                }
                case OK -> advance(r.getHandshakeStatus());
            }
        }
        return false;
    }

    /** Does what the handshake asks of this side, until it waits for the server or is done. */
    private void advance(HandshakeStatus status) throws IOException {
        HandshakeStatus hs = status;
        while (true) {
            switch (hs) {
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                    hs = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> hs = write(NOTHING);
                // The engine reports FINISHED only in the result of the call that ended the
                // handshake, and not at all when a task or a non-handshake record ended it: then it
                // just says NOT_HANDSHAKING, which (after beginHandshake) also means done.
                case FINISHED, NOT_HANDSHAKING -> {
                    if (!requestSent) {
                        requestSent = true;
                        write(ByteBuffer.wrap(request));
                    }
                    return;
                }
                default -> {
                    return; // NEED_UNWRAP: the server's turn
                }
            }
        }
    }

    /** Encrypts all of {@code src} (or one handshake flight) and writes it; returns the handshake status after. */
    private HandshakeStatus write(ByteBuffer src) throws IOException {
        SSLEngineResult r;
        do {
            ByteBuffer out = shared.netOut.clear();
            r = engine.wrap(src, out);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                throw new IOException("TLS wrap: " + r.getStatus());
            }
            out.flip();
            while (out.hasRemaining()) {
                // Like the plain request: a few KiB on a fresh loopback socket always fit the send buffer.
                if (channel.write(out) == 0) {
                    throw new IOException("TLS record did not fit the send buffer");
                }
            }
        } while (src.hasRemaining());
        return r.getHandshakeStatus();
    }
}
