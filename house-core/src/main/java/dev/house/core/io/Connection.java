package dev.house.core.io;

import dev.house.core.http.TlsInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection as bytes, owned by one {@link EventLoop}: the socket and its
 * {@link Transport} (plain or TLS), selector interest, the outbound queue, write-progress and
 * idle deadlines, and a graceful close. It knows no HTTP: the bytes it reads go to the connection's
 * {@link Protocol}, chosen by the server's {@link ProtocolSelector} when the first bytes arrive
 * (after the TLS handshake, so ALPN has spoken), and the protocol writes back through the methods
 * below. Every field is touched only on the loop, so there are no locks.
 *
 * <p>Phases: {@code OPEN} (bytes flow both ways) → {@code CLOSING} (no more output will be added;
 * the socket closes once the queue is flushed) → {@code LINGERING} (our output is shut down; the
 * peer's input is drained for up to two seconds so it reads our last bytes instead of a reset) →
 * {@code CLOSED} (the socket is released). {@link #close()} jumps to {@code CLOSED} from anywhere.
 *
 * <p>It is over 500 lines because it is the whole contract between a protocol and the socket:
 * the write paths that avoid allocation (staging several replies into one write, writing a
 * small piece straight from the loop's direct buffer, queuing shared payloads that the loop
 * writes once per pass: {@link #writeShared}), interest that follows both the protocol
 * and the TLS transport, and every deadline; each piece is small, and keeping them together is
 * what lets a protocol never touch a channel.
 */
public final class Connection implements Selectable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where the connection is in its life; see the class comment. */
    public enum Phase { OPEN, CLOSING, LINGERING, CLOSED }

    final SocketChannel channel;
    private final Transport transport;
    final EventLoop loop;
    private final ServerRuntime server;
    private final InetSocketAddress remote;
    private SelectionKey key;
    private int interest;

    private Phase phase = Phase.OPEN;
    private Protocol protocol;
    /** First bytes too few to choose a protocol by (a split HTTP/2 preface), kept until more come. */
    private ByteBuffer undecided;
    private final OutboundQueue outbound = new OutboundQueue();
    /** Whether this connection has bytes in the loop's staging buffer (see {@link #stage}). */
    private boolean staged;
    /** The peer ended its output; independent of our phase (a half-closed peer may still read). */
    private boolean inputEnded;
    private long lastActivity;
    private long openedAt;
    private long lastWriteProgress;
    private long lingerDeadline;
    /** This connection's shared payloads queued in the loop's {@link SharedWrites} this pass: first and last entry, -1 when none. */
    private int sharedHead = -1;
    private int sharedTail = -1;
    /** Wire bytes of those payloads. */
    private int sharedBytes;
    /** The protocol asked to write at the end of this pass ({@link #flushAtEndOfPass}). */
    private boolean protocolDirty;
    /** On the loop's list of connections to write at the end of the pass; see {@link SharedWrites}. */
    boolean dirty;
    Connection nextDirty;
    /** Set only while the protocol begins its shutdown: where its streams' ends go. */
    private StreamDrain drain;

    Connection prev;
    Connection next;

    Connection(SocketChannel channel, Transport transport, EventLoop loop, ServerRuntime server,
               InetSocketAddress remote) {
        this.channel = channel;
        this.transport = transport;
        this.loop = loop;
        this.server = server;
        this.remote = remote;
    }

    /** Registers with the loop's selector, answering 503 with {@code refusal} unless it is null; on the loop. */
    void open(String refusal) throws IOException {
        key = channel.register(loop.selector(), 0, this);
        lastActivity = loop.now();
        lastWriteProgress = lastActivity;
        openedAt = lastActivity;
        if (refusal != null && transport.handshaking()) {
            close(); // no way to say 503 before the TLS handshake
        } else if (refusal != null) {
            server.protocols().defaultFactory().reject(this, refusal);
        } else if (server.isDraining()) {
            close();
        } else {
            setInterest(SelectionKey.OP_READ);
        }
    }

    /**
     * Opens a connection that is not registered with a selector (its channel may be null): the
     * caller delivers readiness by calling {@link #onReady}; used to drive a protocol in memory.
     */
    void openDetached() {
        lastActivity = loop.now();
        lastWriteProgress = lastActivity;
        openedAt = lastActivity;
        setInterest(SelectionKey.OP_READ);
    }

    /** The interest the connection asks for (before the transport's adjustments). */
    int interest() {
        return interest;
    }

    // ---- what a protocol uses ----------------------------------------------------------------

    /** The loop that owns this connection. */
    public EventLoop loop() {
        return loop;
    }

    /** The server this connection belongs to. */
    public ServerRuntime server() {
        return server;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    /** Details of the TLS session, or {@code null} on a plain connection. */
    public TlsInfo tlsInfo() {
        return transport.tlsInfo();
    }

    public Phase phase() {
        return phase;
    }

    /** Whether the peer has ended its output. */
    public boolean inputEnded() {
        return inputEnded;
    }

    /** The loop time of the last read that brought bytes. */
    public long lastActivity() {
        return lastActivity;
    }

    /** Whether output is queued (beyond the staging buffer and the transport's own records). */
    public boolean hasQueuedOutput() {
        return !outbound.isEmpty() || sharedHead >= 0;
    }

    /** Queued output bytes, not counting the transport's own. */
    public long queuedBytes() {
        return outbound.pendingBytes() + sharedBytes;
    }

    /** Unwritten bytes, counted after encryption where TLS holds some. */
    public long pendingBytes() {
        return outbound.pendingBytes() + sharedBytes + transport.pendingOutputBytes();
    }

    /** Whether this connection has bytes in the loop's staging buffer, to be flushed. */
    public boolean hasStaged() {
        return staged;
    }

    /**
     * Sets whether the protocol wants to read; write interest follows the output queue. A
     * protocol stops reading to hold pipelined input back while it answers.
     */
    public void readInterest(boolean read) {
        setInterest((read ? SelectionKey.OP_READ : 0) | (outbound.isEmpty() ? 0 : SelectionKey.OP_WRITE));
    }

    /** Reads again soon when the transport holds decrypted input the selector will not announce. */
    public void readBufferedInput() {
        if (transport.hasBufferedInput()) {
            loop.execute(this::readAgain);
        }
    }

    /** Queues {@code buffer} after everything already written; the connection takes it over. */
    public void write(ByteBuffer buffer) {
        unstage();
        queueShared();
        outbound.add(buffer);
    }

    /** Queues a region of a file, sent with {@code transferTo} where the transport allows. */
    public void writeFile(Path file, long offset, long length) {
        unstage();
        queueShared();
        outbound.add(file, offset, length);
    }

    /**
     * Queues a payload that many connections share (an event sent to every subscriber), framed by
     * {@code framing} when written, and leaves the writing to the loop: at the end of the current
     * pass it writes everything this connection queued so in one write. An event sent alone
     * still leaves in the pass it was sent in; events sent together leave together. Allocates
     * nothing; {@code payload} must not change afterwards. On the loop.
     */
    public void writeShared(byte[] payload, Framing framing) {
        if (phase != Phase.OPEN) {
            return;
        }
        int wire = framing.wireLength(payload.length);
        if (sharedBytes + wire > EventLoop.IO_BUFFER_SIZE) {
            flushShared(); // one write takes at most a direct buffer's worth: write what is there
            if (phase != Phase.OPEN) {
                return;
            }
            if (wire > EventLoop.IO_BUFFER_SIZE) {
                ByteBuffer big = ByteBuffer.allocate(wire);
                framing.frame(big, payload);
                write(big.flip());
                flush();
                return;
            }
        }
        SharedWrites shared = loop.shared;
        int entry = shared.add(payload, framing);
        if (sharedTail < 0) {
            sharedHead = entry;
        } else {
            shared.link(sharedTail, entry);
        }
        sharedTail = entry;
        sharedBytes += wire;
        shared.markDirty(this);
    }

    /**
     * Has the loop call the protocol's {@link Protocol#onEndOfPass} at the end of the current
     * pass (once, however often this is called), for a protocol that queues output of its own
     * (HTTP/2 frames of many streams) and wants what the pass queued to leave in one write,
     * as {@link #writeShared} does for shared payloads. On the loop.
     */
    public void flushAtEndOfPass() {
        if (phase == Phase.CLOSED || protocolDirty) {
            return;
        }
        protocolDirty = true;
        loop.shared.markDirty(this);
    }

    /** This connection's end of the loop pass: the protocol's deferred output, then the shared payloads. */
    void endOfPass() {
        if (protocolDirty) {
            protocolDirty = false;
            if (phase != Phase.CLOSED && protocol != null) {
                protocol.onEndOfPass();
            }
        }
        flushShared();
    }

    /**
     * Adds bytes to the output through the loop's staging buffer when nothing is queued before
     * them, so a batch of small replies costs one write and no allocation.
     *
     * @param transientBytes whether {@code bytes} will be reused (so must be copied if queued)
     */
    public void stage(byte[] bytes, int length, boolean transientBytes) {
        queueShared();
        if (outbound.isEmpty() && !transport.hasPendingOutput()) {
            ByteBuffer buf = loop.stagingBuffer();
            if (!staged) {
                buf.clear();
            }
            if (buf.remaining() >= length) {
                buf.put(bytes, 0, length);
                staged = true;
                return;
            }
        }
        write(ByteBuffer.wrap(transientBytes ? Arrays.copyOf(bytes, length) : bytes, 0, length));
    }

    /**
     * The loop's direct write buffer, cleared, when {@code length} bytes can go straight to the
     * socket (nothing is staged or queued before them); {@code null} otherwise. Fill it, flip it
     * and hand it to {@link #writeDirect} before the callback returns.
     */
    public ByteBuffer directBuffer(int length) {
        if (staged || sharedHead >= 0 || !outbound.isEmpty() || transport.hasPendingOutput() || length > EventLoop.IO_BUFFER_SIZE) {
            return null;
        }
        return loop.writeBuffer();
    }

    /**
     * Writes the buffer from {@link #directBuffer}; what the socket does not take is copied into
     * the queue. Returns false when the write failed (the connection is then closed).
     */
    public boolean writeDirect(ByteBuffer direct) {
        int written;
        try {
            written = transport.write(direct);
        } catch (IOException e) {
            log.debug("write failed on {}: {}", this, e.toString());
            close();
            return false;
        }
        server.bytesOut(written);
        if (written > 0) {
            lastWriteProgress = loop.now();
        }
        if (direct.hasRemaining()) {
            outbound.add(ByteBuffer.allocate(direct.remaining()).put(direct).flip());
        }
        if (!outbound.isEmpty() || transport.hasPendingOutput()) {
            setInterest(interest | SelectionKey.OP_WRITE); // TLS may hold records the socket refused
        }
        return true;
    }

    /** Writes what the socket takes now; the rest waits for write readiness. */
    public void flush() {
        if (phase == Phase.CLOSED) {
            return;
        }
        queueShared();
        try {
            if (staged) {
                flushStaged();
            }
            long n = outbound.flush(transport, loop.gather);
            transport.flushPending();
            if (n > 0) {
                server.bytesOut(n);
                lastWriteProgress = loop.now();
            }
        } catch (IOException e) {
            log.debug("write failed on {}: {}", this, e.toString());
            close();
            return;
        }
        if (!outbound.isEmpty() || transport.hasPendingOutput()) {
            setInterest(interest | SelectionKey.OP_WRITE);
            return;
        }
        setInterest(interest & ~SelectionKey.OP_WRITE);
        if (phase == Phase.CLOSING) {
            shutdownOutputAndLinger();
        } else if (phase == Phase.OPEN && protocol != null) {
            protocol.onOutputDrained();
        }
    }

    /** Closes once queued output is written (after a final reply, or the peer half-closed). */
    public void closeAfterFlush() {
        if (phase != Phase.OPEN) {
            return;
        }
        phase = Phase.CLOSING;
        flush();
    }

    /** Releases the socket; idempotent. Tells the protocol last. */
    public void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        if (key != null) {
            key.cancel();
        }
        transport.close();
        staged = false;
        dropShared();
        outbound.clear();
        server.closed(this);
        if (protocol != null) {
            protocol.onClosed();
        }
    }

    // ---- readiness -------------------------------------------------------------------------

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && phase != Phase.CLOSED) {
            read();
        }
    }

    @Override
    public void onInvalid() {
        close();
    }

    private void read() {
        ByteBuffer buf = loop.readBuffer();
        int n;
        try {
            n = transport.read(buf);
        } catch (IOException e) {
            log.debug("read failed on {}: {}", this, e.toString());
            close();
            return;
        }
        if (n < 0) {
            onEndOfInput();
            return;
        }
        if (n == 0) {
            return;
        }
        server.bytesIn(n);
        lastActivity = loop.now();
        if (phase != Phase.OPEN) {
            return; // closing: nothing more is expected from the peer, discard
        }
        buf.flip();
        if (protocol == null) {
            buf = chooseProtocol(buf);
            if (buf == null) {
                return;
            }
        }
        protocol.onInput(buf);
        if (phase == Phase.OPEN && (interest & SelectionKey.OP_READ) != 0 && transport.hasBufferedInput()) {
            loop.execute(this::readAgain); // decrypted input the selector will not announce
        }
    }

    /**
     * Picks the protocol from the first bytes (with any kept from earlier reads too short to
     * tell); returns the bytes to hand it, or {@code null} while still undecided.
     */
    private ByteBuffer chooseProtocol(ByteBuffer buf) {
        ByteBuffer in = buf;
        if (undecided != null) {
            in = ByteBuffer.allocate(undecided.remaining() + buf.remaining()).put(undecided).put(buf).flip();
            undecided = null;
        }
        ProtocolFactory factory = server.protocols().select(transport.applicationProtocol(), in);
        if (factory == null) {
            undecided = ByteBuffer.allocate(in.remaining()).put(in).flip();
            return null;
        }
        protocol = factory.open(this);
        return in;
    }

    private void readAgain() {
        if (phase != Phase.CLOSED && (interest & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    /** A TLS task finished off the loop: reads and writes can go on. */
    void transportReady() {
        if (phase == Phase.CLOSED) {
            return;
        }
        int ops = interest;
        interest = -1; // force the key update: the transport's view changed
        setInterest(ops);
        flush();
        readAgain();
    }

    private void onEndOfInput() {
        inputEnded = true;
        if (phase != Phase.OPEN) {
            close();
        } else if (protocol == null) {
            closeAfterFlush(); // nothing was said: nothing to answer
        } else {
            protocol.onEndOfInput();
        }
    }

    private void flushStaged() throws IOException {
        staged = false;
        ByteBuffer buf = loop.stagingBuffer();
        buf.flip();
        int n = transport.write(buf);
        server.bytesOut(n);
        if (n > 0) {
            lastWriteProgress = loop.now();
        }
        queueRest(buf);
    }

    /** Moves staged bytes into the queue, keeping their place before anything queued later. */
    private void unstage() {
        if (staged) {
            staged = false;
            queueRest(loop.stagingBuffer().flip());
        }
    }

    /**
     * Writes the shared payloads queued this pass, framed, with one write from the loop's direct
     * buffer; what the socket does not take is queued. Behind other queued output they join the
     * queue instead, in order. Called by the loop at the end of a pass, and by a protocol that
     * needs to know what the socket really refuses (before cutting a slow consumer off).
     */
    public void flushShared() {
        if (sharedHead < 0) {
            return;
        }
        if (phase == Phase.CLOSED) {
            dropShared();
            return;
        }
        if ((interest & SelectionKey.OP_WRITE) != 0 && (!outbound.isEmpty() || transport.hasPendingOutput())) {
            queueShared(); // the socket is full: write readiness will write them, no syscall now
            return;
        }
        if (staged || !outbound.isEmpty() || transport.hasPendingOutput()) {
            flush(); // queues the payloads behind the rest, then writes what the socket takes
            return;
        }
        ByteBuffer direct = loop.writeBuffer();
        putShared(direct);
        writeDirect(direct.flip());
    }

    /** Moves the shared payloads into the outbound queue (one framed copy), keeping their place. */
    private void queueShared() {
        if (sharedHead >= 0) {
            unstage(); // staged bytes came first
            ByteBuffer copy = ByteBuffer.allocate(sharedBytes);
            putShared(copy);
            outbound.add(copy.flip());
        }
    }

    /** Frames every queued shared payload into {@code dst}, which has room, and forgets them. */
    private void putShared(ByteBuffer dst) {
        SharedWrites shared = loop.shared;
        for (int e = sharedHead; e >= 0; e = shared.next(e)) {
            shared.framing(e).frame(dst, shared.payload(e));
        }
        dropShared();
    }

    private void dropShared() {
        sharedHead = -1;
        sharedTail = -1;
        sharedBytes = 0;
    }

    /** Queues a copy of what is left in the (shared) staging buffer. */
    private void queueRest(ByteBuffer staging) {
        if (staging.hasRemaining()) {
            outbound.add(ByteBuffer.allocate(staging.remaining()).put(staging).flip());
        }
    }

    private void shutdownOutputAndLinger() {
        phase = Phase.LINGERING;
        if (inputEnded) {
            close();
            return;
        }
        try {
            transport.shutdownOutput();
        } catch (IOException e) {
            close();
            return;
        }
        lingerDeadline = loop.now() + LINGER_NANOS;
        setInterest(SelectionKey.OP_READ);
    }

    /** Periodic check of this connection's deadlines; called on the loop by the sweeper. */
    void sweep(long now, long requestTimeout, long idleTimeout) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (transport.handshaking() && now - openedAt > server.handshakeTimeoutNanos()) {
            log.debug("{}: TLS handshake not finished in time", this);
            close();
            return;
        }
        if (phase == Phase.OPEN) {
            if (protocol != null) {
                protocol.sweep(now, requestTimeout, idleTimeout);
            } else if (outbound.isEmpty() && now - lastActivity > idleTimeout) {
                close();
            }
        }
        if (phase == Phase.LINGERING && now - lingerDeadline > 0) {
            close();
        } else if (phase != Phase.CLOSED && !outbound.isEmpty() && now - lastWriteProgress > idleTimeout) {
            close(); // the peer stopped reading what we write
        }
    }

    /**
     * Starts a graceful shutdown: idle connections close now, busy ones after their work; the
     * protocol hands its long-lived streams' ends to {@code drain} ({@link #endStreamInDrain}).
     */
    void beginShutdown(StreamDrain drain) {
        if (phase != Phase.OPEN) {
            return;
        }
        if (protocol != null) {
            this.drain = drain;
            try {
                protocol.beginShutdown();
            } finally {
                this.drain = null;
            }
        } else if (outbound.isEmpty()) {
            close();
        }
    }

    /**
     * Ends a long-lived stream of this connection at its turn in the server's stream drain
     * ({@code ServerConfig.streamDrain}) rather than at once, so that the clients of a stopping
     * server do not all reconnect in the same millisecond. For {@link Protocol#beginShutdown()};
     * anywhere else {@code end} runs at once. On the loop.
     */
    public void endStreamInDrain(Runnable end) {
        if (drain != null) {
            drain.add(end);
        } else {
            end.run();
        }
    }

    private void setInterest(int ops) {
        if (phase == Phase.CLOSED || ops == interest) {
            return;
        }
        interest = ops;
        int effective = ops;
        if (transport.readBlocked()) {
            effective &= ~SelectionKey.OP_READ;
        }
        if (transport.hasPendingOutput()) {
            effective |= SelectionKey.OP_WRITE;
        }
        if (key != null && key.isValid()) {
            key.interestOps(effective);
        }
    }

    @Override
    public String toString() {
        return "connection " + remote + " [" + phase + (protocol == null ? "" : ", " + protocol) + "]";
    }
}
