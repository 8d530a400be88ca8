package dev.house.core.io;

import dev.house.core.http.TlsInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS over a non-blocking socket with {@link SSLEngine}: the handshake is driven by reads and
 * writes, delegated tasks run on the worker executor (never on the loop), renegotiation is
 * refused, {@code close_notify} is sent and honoured. Ciphertext goes through the loop's shared
 * buffers; a connection keeps its own only for a partial record in or a record the socket did
 * not take out, so idle TLS connections hold no buffers.
 *
 * <p>It is over 400 lines because {@code SSLEngine}'s non-blocking contract (handshake status,
 * buffer underflow and overflow, delegated tasks, close_notify both ways) has to be handled
 * completely in one place for reads and writes alike; splitting it would scatter that contract.
 */
final class TlsTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(TlsTransport.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int MAX_PLAINTEXT_RECORD = 16 * 1024;
    /** Records encrypted into the out buffer before it is written: a direct buffer's worth of plaintext. */
    private static final int RECORDS_PER_WRITE = EventLoop.IO_BUFFER_SIZE / MAX_PLAINTEXT_RECORD;

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final EventLoop loop;
    private final Executor tasks;
    private final int maxHandshakeBytes;
    /** The protocol's answer to plain text on this port, or null to just close. */
    private final byte[] plaintextReply;
    private Runnable onReady = () -> { };

    private ByteBuffer carryIn;
    private ByteBuffer pendingOut;
    private boolean firstBytes = true;
    private boolean handshakeDone;
    private boolean taskRunning;
    private boolean moreToUnwrap;
    private boolean inputEnded;
    private boolean outboundClosed;
    private long handshakeBytes;
    private TlsInfo info;

    TlsTransport(SocketChannel channel, SSLEngine engine, EventLoop loop, Executor tasks, int maxHandshakeBytes,
                 byte[] plaintextReply) throws SSLException {
        this.channel = channel;
        this.engine = engine;
        this.loop = loop;
        this.tasks = tasks;
        this.maxHandshakeBytes = maxHandshakeBytes;
        this.plaintextReply = plaintextReply;
        engine.beginHandshake();
    }

    /** What to call on the loop when a delegated task has finished. */
    void onReady(Runnable callback) {
        this.onReady = callback;
    }

    // ---- reading ----------------------------------------------------------------------------

    @Override
    public int read(ByteBuffer dst) throws IOException {
        moreToUnwrap = false;
        ByteBuffer in = carryIn != null ? carryIn : loop.tlsBuffer(0, packetSize());
        int n = in.hasRemaining() ? channel.read(in) : 0;
        if (n < 0) {
            inputEnded = true;
        } else if (!handshakeDone) {
            handshakeBytes += n;
            if (handshakeBytes > maxHandshakeBytes) {
                throw new SSLHandshakeException("TLS handshake exceeded " + maxHandshakeBytes + " bytes");
            }
        }
        in.flip();
        if (firstBytes && in.hasRemaining()) {
            firstBytes = false;
            if (looksLikePlainHttp(in.get(0))) {
                rejectPlaintext();
            }
        }
        int produced = unwrap(in, dst);
        keepCarry(in);
        if (produced == 0 && inputEnded) {
            return -1;
        }
        return produced;
    }

    private int unwrap(ByteBuffer in, ByteBuffer dst) throws IOException {
        int produced = 0;
        while (!taskRunning) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NOT_HANDSHAKING) {
                handshakeFinished(); // finished by a delegated task: FINISHED was reported to no one
            }
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                break;
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrapHandshake();
                continue;
            }
            if (!in.hasRemaining()) {
                break;
            }
            if (dst.remaining() < engine.getSession().getApplicationBufferSize()) {
                moreToUnwrap = true;
                break;
            }
            SSLEngineResult result = engine.unwrap(in, dst);
            produced += result.bytesProduced();
            afterHandshakeStep(result.getHandshakeStatus());
            switch (result.getStatus()) {
                case OK -> { }
                case BUFFER_UNDERFLOW -> {
                    return produced; // a partial record: wait for the rest
                }
                case BUFFER_OVERFLOW -> {
                    moreToUnwrap = true;
                    return produced;
                }
                case CLOSED -> {
                    inputEnded = true; // the peer sent close_notify: answer it
                    if (!outboundClosed) {
                        outboundClosed = true;
                        engine.closeOutbound();
                        wrapHandshake();
                    }
                    return produced;
                }
            }
        }
        return produced;
    }

    private void keepCarry(ByteBuffer in) {
        if (!in.hasRemaining()) {
            carryIn = null;
            return;
        }
        if (in == carryIn) {
            in.compact();
            if (!in.hasRemaining()) {
                // a record larger than the buffer: grow to what the session says a record can be
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(packetSize(), in.capacity() * 2));
                in.flip();
                bigger.put(in);
                carryIn = bigger;
            }
            return;
        }
        ByteBuffer carry = ByteBuffer.allocate(Math.max(packetSize(), in.remaining()));
        carry.put(in);
        carryIn = carry;
    }

    /**
     * The engine reports FINISHED once, in the result of the call that ends the handshake, and not
     * at all when a delegated task or a record other than a handshake message ended it; then it
     * just says NOT_HANDSHAKING. Waiting for FINISHED alone left such a connection "handshaking"
     * for good: its response never written, closed by the handshake timeout without a byte.
     */
    private void afterHandshakeStep(HandshakeStatus status) throws SSLException {
        if (status == HandshakeStatus.FINISHED
                || (status == HandshakeStatus.NOT_HANDSHAKING && !handshakeDone)) {
            handshakeFinished();
        } else if (handshakeDone && status != HandshakeStatus.NOT_HANDSHAKING
                && "TLSv1.2".equals(engine.getSession().getProtocol())) {
            // TLS 1.3 has post-handshake messages (tickets, key updates); in 1.2 this is renegotiation.
            throw new SSLException("TLS renegotiation refused");
        }
    }

    private void handshakeFinished() {
        // A failed handshake ends NOT_HANDSHAKING too, after its alert: that is not a finished one.
        if (handshakeDone || engine.isOutboundDone() || engine.isInboundDone()) {
            return;
        }
        handshakeDone = true;
        info = describe(engine.getSession());
        log.debug("TLS handshake done: {}", info);
    }

    private void runTasks() {
        taskRunning = true;
        Runnable work = () -> {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            loop.execute(() -> {
                taskRunning = false;
                onReady.run();
            });
        };
        try {
            tasks.execute(work);
        } catch (RejectedExecutionException e) {
            work.run(); // workers saturated: better to run the task here than to stall the handshake
        }
    }

    private static boolean looksLikePlainHttp(byte first) {
        return first >= 'A' && first <= 'Z'; // a TLS record starts with a content type byte (20..24)
    }

    private void rejectPlaintext() throws IOException {
        log.info("plain HTTP sent to the TLS port by {}; answered in clear text and closed", channel.getRemoteAddress());
        if (plaintextReply != null) {
            channel.write(ByteBuffer.wrap(plaintextReply));
        }
        throw new PlaintextOnTlsPortException();
    }

    @Override
    public boolean hasBufferedInput() {
        return moreToUnwrap && carryIn != null;
    }

    @Override
    public boolean readBlocked() {
        return taskRunning;
    }

    @Override
    public boolean handshaking() {
        return !handshakeDone;
    }

    // ---- writing ----------------------------------------------------------------------------

    /**
     * Encrypts as much of {@code srcs} as the socket may take: each record as full as it can be
     * (up to 16 KiB of plaintext, so coalesced writes become few records), and as many records as
     * fit the loop's out buffer written with one call.
     */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        if (!flushPending() || !handshakeDone) {
            return 0;
        }
        long consumed = 0;
        int packet = packetSize();
        while (hasRemaining(srcs, offset, length)) {
            ByteBuffer out = loop.tlsBuffer(1, packet * RECORDS_PER_WRITE);
            while (out.remaining() >= packet && hasRemaining(srcs, offset, length)) {
                SSLEngineResult result = engine.wrap(srcs, offset, length, out);
                if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SSLException("TLS session already closed");
                }
                consumed += result.bytesConsumed();
                if (result.bytesConsumed() == 0) {
                    break;
                }
            }
            out.flip();
            if (!out.hasRemaining()) {
                break;
            }
            channel.write(out);
            if (out.hasRemaining()) {
                keepPending(out);
                break;
            }
        }
        return consumed;
    }

    /** One buffer through the loop's gather array: a write per connection per pass allocates nothing. */
    @Override
    public int write(ByteBuffer src) throws IOException {
        ByteBuffer[] one = loop.gather;
        one[0] = src;
        try {
            return (int) write(one, 0, 1);
        } finally {
            one[0] = null;
        }
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) throws IOException {
        if (!flushPending()) {
            return 0;
        }
        ByteBuffer chunk = loop.writeBuffer();
        chunk.limit((int) Math.min(count, MAX_PLAINTEXT_RECORD));
        int read = file.read(chunk, position);
        if (read <= 0) {
            return 0;
        }
        chunk.flip();
        long taken = write(chunk);
        if (chunk.hasRemaining() && taken > 0) {
            throw new IllegalStateException("a record's plaintext was only partly taken");
        }
        return taken;
    }

    private void wrapHandshake() throws IOException {
        ByteBuffer out = loop.tlsBuffer(1, packetSize());
        SSLEngineResult result = engine.wrap(EMPTY, out);
        afterHandshakeStep(result.getHandshakeStatus());
        out.flip();
        if (pendingOut == null) {
            channel.write(out);
        }
        if (out.hasRemaining()) {
            keepPending(out);
        }
        if (result.getStatus() == SSLEngineResult.Status.CLOSED && engine.isOutboundDone()) {
            return;
        }
    }

    private void keepPending(ByteBuffer out) {
        if (pendingOut == null) {
            pendingOut = ByteBuffer.allocate(out.remaining());
            pendingOut.put(out).flip();
            return;
        }
        ByteBuffer joined = ByteBuffer.allocate(pendingOut.remaining() + out.remaining());
        joined.put(pendingOut).put(out).flip();
        pendingOut = joined;
    }

    @Override
    public boolean flushPending() throws IOException {
        if (pendingOut == null) {
            return true;
        }
        channel.write(pendingOut);
        if (pendingOut.hasRemaining()) {
            return false;
        }
        pendingOut = null;
        return true;
    }

    @Override
    public boolean hasPendingOutput() {
        return pendingOut != null;
    }

    @Override
    public long pendingOutputBytes() {
        return pendingOut == null ? 0 : pendingOut.remaining();
    }

    private static boolean hasRemaining(ByteBuffer[] srcs, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    // ---- closing ----------------------------------------------------------------------------

    @Override
    public void shutdownOutput() throws IOException {
        sendCloseNotify();
        channel.shutdownOutput();
    }

    @Override
    public void close() {
        try {
            if (handshakeDone) {
                sendCloseNotify();
            } else if (!outboundClosed) {
                // A failed handshake leaves its fatal alert in the engine (no_application_protocol
                // when ALPN found nothing in common): send it, so the client learns why.
                outboundClosed = true;
                wrapHandshake();
                flushPending();
            }
        } catch (IOException | RuntimeException e) {
            log.debug("close_notify not sent: {}", e.toString());
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
        carryIn = null;
        pendingOut = null;
    }

    private void sendCloseNotify() throws IOException {
        if (outboundClosed) {
            return;
        }
        outboundClosed = true;
        engine.closeOutbound();
        wrapHandshake();
        flushPending();
    }

    @Override
    public String applicationProtocol() {
        return handshakeDone ? engine.getApplicationProtocol() : null;
    }

    @Override
    public TlsInfo tlsInfo() {
        return info;
    }

    private int packetSize() {
        return engine.getSession().getPacketBufferSize();
    }

    private static TlsInfo describe(SSLSession session) {
        String sni = null;
        if (session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    sni = host.getAsciiName();
                }
            }
        }
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(), sni);
    }

    /** Plain HTTP arrived on the TLS port; it was answered in clear text. */
    static final class PlaintextOnTlsPortException extends SSLException {
        private static final long serialVersionUID = 1L;

        PlaintextOnTlsPortException() {
            super("plain HTTP on the TLS port");
        }
    }
}
