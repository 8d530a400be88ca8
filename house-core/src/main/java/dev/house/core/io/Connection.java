package dev.house.core.io;

import dev.house.core.http.Body;
import dev.house.core.http.HttpError;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Request;
import dev.house.core.http.RequestHead;
import dev.house.core.http.RequestParser;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseEncoder.Framing;
import dev.house.core.http.Route;
import dev.house.core.http.StreamChunk;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, owned by one {@link EventLoop}: every field is touched only on that
 * loop, so there are no locks. It is the biggest class of the core because it is the state
 * machine that ties parsing, handling and writing together; each part (parsing, encoding,
 * queueing output, streams) lives in its own class.
 *
 * <p>States: {@code READING} (waiting for or parsing a request; idle when no byte of one has
 * come) → {@code HANDLING} (a handler runs, or its response is being written; reading paused so
 * pipelined requests wait their turn and replies stay in order) → back to {@code READING}, or
 * {@code STREAMING} (a stream response is open; reads continue only to notice the client
 * leaving). {@code CLOSING}: an error reply was sent; output is shut down once it is flushed and
 * input drained briefly, so the client reads the reply instead of a reset. {@code CLOSED}: the
 * socket is released; a worker still running for it finds that out and drops its response
 * (the connection is then DEAD and collectable).
 */
final class Connection implements Selectable {
    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    enum State { READING, HANDLING, STREAMING, CLOSING, CLOSED }

    final SocketChannel channel;
    private final Transport transport;
    final EventLoop loop;
    private final ServerRuntime server;
    private final InetSocketAddress remote;
    private SelectionKey key;
    private int interest;

    private State state = State.READING;
    private RequestParser parser;
    private ByteBuffer inbound;
    private final OutboundQueue outbound = new OutboundQueue();
    private boolean closeWhenFlushed;
    private boolean outputShutdown;
    private boolean inputClosed;
    private boolean paused;
    private boolean processing;
    private boolean staged;
    private long lastActivity;
    private long openedAt;
    private long lastWriteProgress;
    private long requestStarted;
    private long lingerDeadline;
    private boolean chunkedStream;
    private ConnectionStream stream;

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

    /** Registers with the loop's selector; called on the loop. */
    void open(boolean reject) throws IOException {
        key = channel.register(loop.selector(), 0, this);
        lastActivity = loop.now();
        lastWriteProgress = lastActivity;
        openedAt = lastActivity;
        if (reject && transport.handshaking()) {
            close(); // no way to say 503 before the TLS handshake
        } else if (reject) {
            sendErrorAndClose(HttpStatus.SERVICE_UNAVAILABLE, "Server is at its connection limit; retry later");
        } else if (server.isDraining()) {
            close();
        } else {
            setInterest(SelectionKey.OP_READ);
        }
    }

    State state() {
        return state;
    }

    // ---- readiness -------------------------------------------------------------------------

    @Override
    public void onReady(int readyOps) {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if ((readyOps & SelectionKey.OP_READ) != 0 && state != State.CLOSED) {
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
        if (state == State.STREAMING || state == State.CLOSING) {
            return; // nothing more is expected from the client: discard
        }
        buf.flip();
        if (inbound != null) {
            inbound = append(inbound, buf);
            process(inbound);
        } else {
            process(buf);
        }
        keepLeftover(buf);
        if (transport.hasBufferedInput() && (state == State.READING || state == State.STREAMING)) {
            loop.execute(this::readAgain); // decrypted input the selector will not announce
        }
    }

    private void readAgain() {
        if (state != State.CLOSED && (interest & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    /** A TLS task finished off the loop: reads and writes can go on. */
    void transportReady() {
        if (state == State.CLOSED) {
            return;
        }
        int ops = interest;
        interest = -1; // force the key update: the transport's view changed
        setInterest(ops);
        flush();
        readAgain();
    }

    private void onEndOfInput() {
        inputClosed = true;
        switch (state) {
            case READING -> {
                if (parser != null && parser.inProgress()) {
                    close(); // the client gave up half-way through a request
                } else if (!paused) {
                    closeAfterFlush();
                }
                // when paused, pipelined requests still wait; resume() closes after them
            }
            case HANDLING -> setInterest(interest & ~SelectionKey.OP_READ);
            case STREAMING, CLOSING, CLOSED -> close();
        }
    }

    /** Closes once queued output is written (after a final reply, or the client half-closed). */
    private void closeAfterFlush() {
        state = State.CLOSING;
        closeWhenFlushed = true;
        flush();
    }

    // ---- parsing and dispatch ----------------------------------------------------------------

    /** Parses and answers as many requests as the state allows; leftover stays in {@code in}. */
    private void process(ByteBuffer in) {
        processing = true;
        try {
            parseAndDispatch(in);
        } finally {
            processing = false;
        }
        if (staged) {
            flush();
        }
        if (state == State.READING && !paused) {
            setInterest(SelectionKey.OP_READ | (outbound.isEmpty() ? 0 : SelectionKey.OP_WRITE));
        }
    }

    private void parseAndDispatch(ByteBuffer in) {
        while (state == State.READING && !paused) {
            if (parser == null) {
                parser = new RequestParser(server.config().limits());
            }
            RequestParser.Result result = parser.parse(in);
            switch (result) {
                case NEED_MORE -> {
                    if (parser.inProgress() && requestStarted == 0) {
                        requestStarted = loop.now() | 1;
                    }
                    return;
                }
                case HEAD -> {
                    if (requestStarted == 0) {
                        requestStarted = loop.now() | 1;
                    }
                    RequestHead head = parser.head();
                    if (head.expectContinue() && head.hasBody() && head.version() == HttpVersion.HTTP_1_1) {
                        write(ByteBuffer.wrap(CONTINUE));
                        flush();
                    }
                }
                case COMPLETE -> {
                    Request request = parser.request();
                    parser.reset();
                    requestStarted = 0;
                    dispatch(request);
                }
                case ERROR -> {
                    HttpError error = parser.error();
                    sendErrorAndClose(error.status(), error.message());
                    return;
                }
            }
        }
    }

    private void dispatch(Request request) {
        request.received(remote, transport.tlsInfo(), server.nextRequestId(), System.nanoTime());
        server.listener().received(request);
        state = State.HANDLING;
        setInterest(outbound.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        Route route;
        try {
            route = server.router().route(request);
        } catch (RuntimeException e) {
            complete(request, null, server.failure(request, e));
            return;
        }
        server.listener().routed(request, route);
        switch (route.execution()) {
            case EVENT_LOOP -> complete(request, route, server.invoke(route, request));
            case WORKER -> {
                try {
                    server.workers().execute(() -> {
                        Response response = server.invoke(route, request);
                        loop.execute(() -> complete(request, route, response));
                    });
                } catch (RejectedExecutionException e) {
                    complete(request, route, Response.error(HttpStatus.SERVICE_UNAVAILABLE,
                            "Server is overloaded; retry later"));
                }
            }
        }
    }

    /** Writes the response to {@code request}; runs on the loop. */
    private void complete(Request request, Route route, Response response) {
        if (state == State.CLOSED) {
            server.listener().failed(request, new IOException("client went away before the response"));
            return;
        }
        boolean close = !request.keepAlive() || server.isDraining() || (inputClosed && !hasLeftover())
                || response.headers().containsToken("Connection", "close");
        boolean head = request.method() == HttpMethod.HEAD;
        Body body = response.status().allowsBody() ? response.body() : Body.EMPTY;
        boolean streaming = body instanceof Body.Stream && !head;
        Framing framing;
        if (!response.status().allowsBody()) {
            framing = Framing.NONE;
        } else if (body instanceof Body.Stream) {
            boolean http11 = request.version() == HttpVersion.HTTP_1_1;
            framing = http11 ? Framing.CHUNKED : Framing.CLOSE_DELIMITED;
            close |= !http11;
        } else {
            framing = Framing.LENGTH;
        }
        int headLength;
        try {
            headLength = loop.encoder.encode(response, framing, body.length(), close && !streaming,
                    !close && request.version() == HttpVersion.HTTP_1_0, loop.date.now());
        } catch (IllegalArgumentException e) {
            log.error("request {} ({}): handler produced an invalid response header: {}",
                    request.id(), request, e.getMessage());
            complete(request, route, Response.error(HttpStatus.INTERNAL_SERVER_ERROR,
                    "Internal Server Error (request " + request.id() + ")"));
            return;
        }
        stage(loop.encoder.bytes(), headLength, true);
        if (!head) {
            if (body instanceof Body.Bytes bytes) {
                stage(bytes.bytes(), bytes.bytes().length, false);
            } else if (body instanceof Body.FileRegion file) {
                unstage();
                outbound.add(file.path(), file.offset(), file.length());
            }
        }
        server.listener().completed(request, route, response, System.nanoTime() - request.receivedNanos());
        if (streaming) {
            openStream(request, (Body.Stream) body, framing == Framing.CHUNKED);
            return;
        }
        if (close) {
            closeAfterFlush();
            return;
        }
        state = State.READING;
        if (processing) {
            // Called from inside the parse loop (an event-loop handler): it goes on by itself and
            // flushes the batch of replies once, at its end.
            paused = outbound.pendingBytes() > server.config().maxPendingOutput();
            if (paused) {
                setInterest(SelectionKey.OP_WRITE);
            }
        } else {
            flush();
            if (state == State.READING) {
                resume();
            }
        }
    }

    private boolean hasLeftover() {
        return inbound != null && inbound.hasRemaining();
    }

    /** Continues with pipelined input after an exchange, unless output is backed up. */
    private void resume() {
        paused = outbound.pendingBytes() > server.config().maxPendingOutput();
        if (paused) {
            setInterest(SelectionKey.OP_WRITE);
            return;
        }
        if (inbound != null) {
            ByteBuffer pending = inbound;
            process(pending);
            if (!pending.hasRemaining()) {
                inbound = null;
            }
        }
        if (state == State.READING && !paused) {
            if (inputClosed) {
                closeAfterFlush();
                return;
            }
            setInterest(SelectionKey.OP_READ | (outbound.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            if (transport.hasBufferedInput()) {
                loop.execute(this::readAgain);
            }
        }
    }

    private void openStream(Request request, Body.Stream body, boolean chunked) {
        state = State.STREAMING;
        request.headers().trimToSize(); // kept for the life of the stream
        chunkedStream = chunked;
        parser = null;
        inbound = null;
        stream = new ConnectionStream(this, request, server.config().streamMaxPendingBytes());
        setInterest(SelectionKey.OP_READ | (outbound.isEmpty() ? 0 : SelectionKey.OP_WRITE));
        flush();
        if (state != State.STREAMING) {
            return;
        }
        try {
            body.handler().onOpen(stream);
        } catch (RuntimeException e) {
            log.error("request {} ({}): stream handler failed", request.id(), request, e);
            endStream();
        }
    }

    // ---- streams ------------------------------------------------------------------------------

    /**
     * Sends a shared chunk on an open stream, framed as one HTTP/1.1 chunk ({@code size CRLF data
     * CRLF}, RFC 9112 §7.1) or as the bare bytes of a close-delimited HTTP/1.0 body; on the loop.
     * The framing is written around the shared payload, never into a copy made per stream.
     * Returns false when closed.
     */
    boolean sendChunk(StreamChunk chunk, long maxPending) {
        if (state != State.STREAMING) {
            return false;
        }
        byte[] bytes = chunk.bytes();
        int headerLength = chunkedStream ? chunkHeaderLength(bytes.length) : 0;
        int wireLength = chunkedStream ? headerLength + bytes.length + 2 : bytes.length;
        if (pendingBytes() + wireLength > maxPending) {
            server.slowConsumerCut();
            log.debug("{} is too slow ({} bytes pending); disconnecting", this, outbound.pendingBytes());
            stream.cutOff = true;
            close();
            return false;
        }
        if (!staged && outbound.isEmpty() && !transport.hasPendingOutput()
                && wireLength <= EventLoop.IO_BUFFER_SIZE) {
            // Fast path: copy into the loop's direct buffer; allocate only if the socket balks.
            ByteBuffer direct = loop.writeBuffer();
            if (chunkedStream) {
                putChunkHeader(direct, bytes.length, headerLength);
                direct.put(bytes).put(CRLF, 0, 2);
            } else {
                direct.put(bytes);
            }
            direct.flip();
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
                setInterest(interest | SelectionKey.OP_WRITE);
            }
            return true;
        }
        if (chunkedStream) {
            ByteBuffer header = ByteBuffer.allocate(headerLength);
            putChunkHeader(header, bytes.length, headerLength);
            write(header.flip());
            write(ByteBuffer.wrap(bytes));
            write(ByteBuffer.wrap(CRLF));
        } else {
            write(ByteBuffer.wrap(bytes));
        }
        flush();
        return state == State.STREAMING;
    }

    /** Length of {@code hex-size CRLF} for a chunk of {@code size} bytes. */
    private static int chunkHeaderLength(int size) {
        int hexDigits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(size) + 3) / 4);
        return hexDigits + 2;
    }

    /** Writes {@code hex-size CRLF} (lower-case hex, no leading zeros) without allocating. */
    private static void putChunkHeader(ByteBuffer dst, int size, int headerLength) {
        for (int shift = (headerLength - 3) * 4; shift >= 0; shift -= 4) {
            dst.put(HEX[(size >>> shift) & 0xF]);
        }
        dst.put(CRLF, 0, 2);
    }

    /** Ends an open stream: final chunk (when chunked), then close once flushed. */
    void endStream() {
        if (state != State.STREAMING) {
            return;
        }
        if (chunkedStream) {
            write(ByteBuffer.wrap(LAST_CHUNK));
        }
        closeAfterFlush();
    }

    /** Unwritten bytes, counted after encryption where TLS holds some. */
    long pendingBytes() {
        return outbound.pendingBytes() + transport.pendingOutputBytes();
    }

    // ---- writing ------------------------------------------------------------------------------

    private void write(ByteBuffer buffer) {
        unstage();
        outbound.add(buffer);
    }

    /**
     * Adds bytes to the output through the loop's staging buffer when nothing is queued before
     * them, so a batch of small replies costs one write and no allocation.
     *
     * @param transientBytes whether {@code bytes} will be reused (so must be copied if queued)
     */
    private void stage(byte[] bytes, int length, boolean transientBytes) {
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

    /** Moves staged bytes into the queue, keeping their place before anything queued later. */
    private void unstage() {
        if (staged) {
            staged = false;
            queueRest(loop.stagingBuffer().flip());
        }
    }

    /** Queues a copy of what is left in the (shared) staging buffer. */
    private void queueRest(ByteBuffer staging) {
        if (staging.hasRemaining()) {
            outbound.add(ByteBuffer.allocate(staging.remaining()).put(staging).flip());
        }
    }

    /** Writes staged bytes; what the socket does not take is queued. */
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

    private void flush() {
        if (state == State.CLOSED) {
            return;
        }
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
        if (closeWhenFlushed && state == State.CLOSING) {
            shutdownOutputAndLinger();
        } else if (paused && state == State.READING && !processing) {
            paused = false;
            resume();
        }
    }

    // ---- errors and closing ------------------------------------------------------------------

    /** Answers with an error, then closes gracefully so the client can read the answer. */
    void sendErrorAndClose(HttpStatus status, String message) {
        if (state == State.CLOSED) {
            return;
        }
        log.debug("{}: {} {}", this, status.code(), message);
        Response response = Response.error(status, message);
        int headLength = loop.encoder.encode(response, Framing.LENGTH, response.body().length(),
                true, false, loop.date.now());
        parser = null;
        inbound = null;
        write(ByteBuffer.wrap(Arrays.copyOf(loop.encoder.bytes(), headLength)));
        write(ByteBuffer.wrap(((Body.Bytes) response.body()).bytes()));
        closeAfterFlush();
    }

    private void shutdownOutputAndLinger() {
        if (outputShutdown) {
            return;
        }
        outputShutdown = true;
        if (inputClosed) {
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

    /** Releases the socket; idempotent. Runs stream close callbacks. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        transport.close();
        staged = false;
        outbound.clear();
        parser = null;
        inbound = null;
        server.closed(this);
        if (stream != null) {
            stream.closed();
        }
    }

    /** Periodic check of this connection's deadlines; called on the loop by the sweeper. */
    void sweep(long now, long requestTimeout, long idleTimeout) {
        if (transport.handshaking() && now - openedAt > server.handshakeTimeoutNanos()) {
            log.debug("{}: TLS handshake not finished in time", this);
            close();
            return;
        }
        switch (state) {
            case READING -> {
                if (requestStarted != 0 && now - requestStarted > requestTimeout) {
                    sendErrorAndClose(HttpStatus.REQUEST_TIMEOUT,
                            "Request not completed within " + TimeUnit.NANOSECONDS.toSeconds(requestTimeout) + " s");
                } else if (requestStarted == 0 && outbound.isEmpty() && now - lastActivity > idleTimeout) {
                    close();
                } else if (!outbound.isEmpty() && now - lastWriteProgress > idleTimeout) {
                    close(); // the client stopped reading its responses
                }
            }
            case HANDLING, STREAMING -> {
                if (!outbound.isEmpty() && now - lastWriteProgress > idleTimeout) {
                    close();
                }
            }
            case CLOSING -> {
                if ((outputShutdown && now - lingerDeadline > 0)
                        || (!outbound.isEmpty() && now - lastWriteProgress > idleTimeout)) {
                    close();
                }
            }
            case CLOSED -> { }
        }
    }

    /** Starts a graceful shutdown of this connection: idle ones close now, busy ones after their reply. */
    void beginShutdown() {
        switch (state) {
            case READING -> {
                if (requestStarted == 0 && outbound.isEmpty()) {
                    close();
                }
            }
            case STREAMING -> {
                if (stream != null) {
                    stream.sendFarewell();
                }
                endStream();
            }
            default -> { }
        }
    }

    private void setInterest(int ops) {
        if (state == State.CLOSED || ops == interest) {
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

    private static ByteBuffer append(ByteBuffer existing, ByteBuffer more) {
        if (existing.remaining() + more.remaining() > existing.capacity() - existing.position()
                || existing.limit() + more.remaining() > existing.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(existing.remaining() + more.remaining());
            bigger.put(existing).put(more).flip();
            return bigger;
        }
        existing.compact().put(more).flip();
        return existing;
    }

    /** Keeps bytes read but not yet parsed (pipelined requests waiting their turn). */
    private void keepLeftover(ByteBuffer readBuffer) {
        if (inbound == null) {
            if (readBuffer.hasRemaining() && (state == State.READING || state == State.HANDLING)) {
                inbound = ByteBuffer.allocate(readBuffer.remaining());
                inbound.put(readBuffer).flip();
            }
        } else if (!inbound.hasRemaining()) {
            inbound = null;
        }
    }

    @Override
    public String toString() {
        return "connection " + remote + " [" + state + "]";
    }
}
