package dev.house.core.http1;

import dev.house.core.http.Body;
import dev.house.core.http.HttpDate;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Problem;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.internal.RequestAccess;
import dev.house.core.http1.ResponseEncoder.Framing;
import dev.house.core.io.Connection;
import dev.house.core.io.EventLoop;
import dev.house.core.io.Protocol;
import dev.house.core.io.ServerRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/1.1 on one {@link Connection}: parses requests, answers them one at a time and in order
 * (pipelined requests wait their turn), keeps the connection alive or closes it, streams chunked
 * responses, sends {@code 100 Continue} and ends with a lingering close after an error. It is over
 * 400 lines because it is the state machine that ties parsing, handling and writing together;
 * parsing, head encoding and streams live in their own classes, and moving bytes (queueing,
 * interest, closing) is the connection's.
 *
 * <p>Only one thing happens at a time on an HTTP/1.1 connection, so one enum says what:
 * <ul>
 *   <li>{@code READING}: waiting for or parsing a request (idle when no byte of one has come);
 *   <li>{@code PAUSED}: between requests, but earlier replies are backed up past
 *       {@code maxPendingOutput}: pipelined input waits until they drain;
 *   <li>{@code HANDLING}: a handler runs, or its response is being written; reading is off so
 *       pipelined requests wait and replies stay in order;
 *   <li>{@code STREAMING}: a stream response is open; input is read only to notice the client
 *       leaving, and discarded;
 *   <li>{@code DONE}: no more exchanges; the connection is closing (after the last reply, or an
 *       error reply it lingers for) or closed. A worker still running finds it and drops its
 *       response.
 * </ul>
 * {@code inputEnded} (the client half-closed) is not a state of ours: it is the connection's fact
 * and decides whether to close after the current reply.
 */
final class Http1Connection implements Protocol {
    private static final Logger log = LoggerFactory.getLogger(Http1Connection.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Per-loop head encoder and date cache: loop-confined, so unsynchronised. */
    static final EventLoop.Local<ResponseEncoder> ENCODER = new EventLoop.Local<>(ResponseEncoder::new);
    static final EventLoop.Local<HttpDate> DATE = new EventLoop.Local<>(HttpDate::new);

    /** What the connection is doing; see the class comment. */
    enum State { READING, PAUSED, HANDLING, STREAMING, DONE }

    private final Connection connection;
    private final EventLoop loop;
    private final ServerRuntime server;

    private State state = State.READING;
    private RequestParser parser;
    /** Bytes read but not yet parsed: pipelined requests waiting their turn. */
    private ByteBuffer inbound;
    /** Re-entrancy guard: true while the parse loop runs, so a reply does not restart it. */
    private boolean processing;
    private long requestStarted;
    private Http1Stream stream;

    Http1Connection(Connection connection) {
        this.connection = connection;
        this.loop = connection.loop();
        this.server = connection.server();
    }

    State state() {
        return state;
    }

    // ---- input -------------------------------------------------------------------------------

    @Override
    public void onInput(ByteBuffer buf) {
        if (state == State.STREAMING || state == State.DONE) {
            return; // nothing more is expected from the client: discard
        }
        if (inbound != null) {
            inbound = append(inbound, buf);
            process(inbound);
        } else {
            process(buf);
        }
        keepLeftover(buf);
    }

    @Override
    public void onEndOfInput() {
        switch (state) {
            case READING -> {
                if (parser != null && parser.inProgress()) {
                    connection.close(); // the client gave up half-way through a request
                } else {
                    closeAfterFlush();
                }
            }
            case PAUSED -> { } // pipelined requests still wait; resume() closes after them
            case HANDLING -> connection.readInterest(false);
            case STREAMING, DONE -> connection.close();
        }
    }

    /** Closes once queued output is written (after a final reply, or the client half-closed). */
    private void closeAfterFlush() {
        state = State.DONE;
        connection.closeAfterFlush();
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
        if (connection.hasStaged()) {
            connection.flush();
        }
        if (state == State.READING) {
            connection.readInterest(true);
        }
    }

    private void parseAndDispatch(ByteBuffer in) {
        while (state == State.READING) {
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
                        connection.write(ByteBuffer.wrap(CONTINUE));
                        connection.flush();
                    }
                }
                case COMPLETE -> {
                    Request request = parser.request(connection.remote(), connection.tlsInfo(),
                            server.nextRequestId(), System.nanoTime());
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
        server.listener().received(request);
        state = State.HANDLING;
        connection.readInterest(false);
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
        response = Problem.finish(response, request.id(), server.config().errorFormat());
        if (connection.phase() == Connection.Phase.CLOSED) {
            RequestAccess.endExchange(request);
            server.listener().failed(request, new IOException("client went away before the response"));
            return;
        }
        boolean close = !request.keepAlive() || server.isDraining() || (connection.inputEnded() && !hasLeftover())
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
        ResponseEncoder encoder = loop.local(ENCODER);
        int headLength;
        try {
            headLength = encoder.encode(response, framing, body.length(), close && !streaming,
                    !close && request.version() == HttpVersion.HTTP_1_0, loop.local(DATE).now());
        } catch (IllegalArgumentException e) {
            log.error("request {} ({}): handler produced an invalid response header: {}",
                    request.id(), request, e.getMessage());
            complete(request, route, Problem.internalError(request));
            return;
        }
        connection.stage(encoder.bytes(), headLength, true);
        if (!head) {
            if (body instanceof Body.Bytes bytes) {
                connection.stage(bytes.bytes(), bytes.bytes().length, false);
            } else if (body instanceof Body.FileRegion file) {
                connection.writeFile(file.path(), file.offset(), file.length());
            }
        }
        server.listener().completed(request, route, response, System.nanoTime() - request.receivedNanos());
        if (!streaming) {
            RequestAccess.endExchange(request); // the handler has answered: its uploads' temporary files go
        }
        if (streaming) {
            openStream(request, (Body.Stream) body, framing == Framing.CHUNKED);
            return;
        }
        if (close) {
            closeAfterFlush();
            return;
        }
        if (processing) {
            // Called from inside the parse loop (an event-loop handler): it goes on by itself and
            // flushes the batch of replies once, at its end.
            state = backedUp() ? State.PAUSED : State.READING;
            if (state == State.PAUSED) {
                connection.readInterest(false);
            }
        } else {
            state = State.READING;
            connection.flush();
            if (state == State.READING) {
                resume();
            }
        }
    }

    private boolean backedUp() {
        return connection.queuedBytes() > server.config().maxPendingOutput();
    }

    private boolean hasLeftover() {
        return inbound != null && inbound.hasRemaining();
    }

    @Override
    public void onOutputDrained() {
        if (state == State.PAUSED && !processing) {
            state = State.READING;
            resume();
        }
    }

    /** Continues with pipelined input after an exchange, unless output is backed up. */
    private void resume() {
        if (backedUp()) {
            state = State.PAUSED;
            connection.readInterest(false);
            return;
        }
        if (inbound != null) {
            ByteBuffer pending = inbound;
            process(pending);
            if (!pending.hasRemaining()) {
                inbound = null;
            }
        }
        if (state == State.READING) {
            if (connection.inputEnded()) {
                closeAfterFlush();
                return;
            }
            connection.readInterest(true);
            connection.readBufferedInput();
        }
    }

    // ---- streams ------------------------------------------------------------------------------

    private void openStream(Request request, Body.Stream body, boolean chunked) {
        state = State.STREAMING;
        parser = null;
        inbound = null;
        stream = new Http1Stream(this, request, loop, chunked, server.config().streamMaxPendingBytes());
        connection.readInterest(true);
        connection.flush();
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

    /**
     * Sends a shared chunk on the open stream, framed as one HTTP/1.1 chunk ({@code size CRLF
     * data CRLF}, RFC 9112 §7.1) or as the bare bytes of a close-delimited HTTP/1.0 body; on the
     * loop. The framing is written around the shared payload, never into a copy made per stream.
     * Returns false when closed.
     */
    boolean sendChunk(StreamChunk chunk, boolean chunked, long maxPending) {
        if (state != State.STREAMING) {
            return false;
        }
        byte[] bytes = chunk.bytes();
        dev.house.core.io.Framing framing = chunked ? CHUNKED : BARE;
        int wireLength = framing.wireLength(bytes.length);
        if (connection.pendingBytes() + wireLength > maxPending) {
            // Chunks queued this pass are not the client's fault: only what the socket refuses counts.
            connection.flushShared();
            if (state != State.STREAMING) {
                return false;
            }
        }
        if (connection.pendingBytes() + wireLength > maxPending) {
            server.slowConsumerCut();
            log.debug("{} is too slow ({} bytes pending); disconnecting", connection, connection.queuedBytes());
            stream.markCutOff();
            connection.close();
            return false;
        }
        // Framed when the loop writes the connection at the end of its pass: events sent
        // together leave in one write, and nothing is allocated per subscriber.
        connection.writeShared(bytes, framing);
        return state == State.STREAMING;
    }

    /** An HTTP/1.1 chunk: {@code hex-size CRLF payload CRLF} (RFC 9112, section 7.1). */
    private static final dev.house.core.io.Framing CHUNKED = new dev.house.core.io.Framing() {
        @Override
        public int wireLength(int payloadLength) {
            return chunkHeaderLength(payloadLength) + payloadLength + 2;
        }

        @Override
        public void frame(ByteBuffer dst, byte[] payload) {
            putChunkHeader(dst, payload.length, chunkHeaderLength(payload.length));
            dst.put(payload).put(CRLF, 0, 2);
        }
    };

    /** The bare bytes of a close-delimited HTTP/1.0 body. */
    private static final dev.house.core.io.Framing BARE = new dev.house.core.io.Framing() {
        @Override
        public int wireLength(int payloadLength) {
            return payloadLength;
        }

        @Override
        public void frame(ByteBuffer dst, byte[] payload) {
            dst.put(payload);
        }
    };

    /** Length of {@code hex-size CRLF} for a chunk of {@code size} bytes. */
    static int chunkHeaderLength(int size) {
        int hexDigits = Math.max(1, (Integer.SIZE - Integer.numberOfLeadingZeros(size) + 3) / 4);
        return hexDigits + 2;
    }

    /** Writes {@code hex-size CRLF} (lower-case hex, no leading zeros) without allocating. */
    static void putChunkHeader(ByteBuffer dst, int size, int headerLength) {
        for (int shift = (headerLength - 3) * 4; shift >= 0; shift -= 4) {
            dst.put(HEX[(size >>> shift) & 0xF]);
        }
        dst.put(CRLF, 0, 2);
    }

    /** Ends the open stream: the last chunk (when chunked), then close once flushed. */
    void endStream(boolean chunked) {
        if (state != State.STREAMING) {
            return;
        }
        if (chunked) {
            connection.write(ByteBuffer.wrap(LAST_CHUNK));
        }
        closeAfterFlush();
    }

    private void endStream() {
        stream.end();
    }

    /** Unwritten bytes of the stream, counted after encryption where TLS holds some. */
    long pendingBytes() {
        return connection.pendingBytes();
    }

    // ---- errors, timeouts, shutdown -----------------------------------------------------------

    /** Answers with an error, then closes gracefully so the client can read the answer. */
    private void sendErrorAndClose(HttpStatus status, String message) {
        parser = null;
        inbound = null;
        state = State.DONE;
        writeErrorAndClose(connection, status, message);
    }

    /**
     * Writes a complete error response and closes the connection once it is flushed; used for
     * errors found before or outside an exchange (a malformed request, a timeout, a refusal).
     */
    static void writeErrorAndClose(Connection connection, HttpStatus status, String message) {
        if (connection.phase() != Connection.Phase.OPEN) {
            return;
        }
        log.debug("{}: {} {}", connection, status.code(), message);
        Response response = Problem.render(status, message, 0, connection.server().config().errorFormat());
        EventLoop loop = connection.loop();
        ResponseEncoder encoder = loop.local(ENCODER);
        int headLength = encoder.encode(response, Framing.LENGTH, response.body().length(), true, false,
                loop.local(DATE).now());
        connection.write(ByteBuffer.wrap(Arrays.copyOf(encoder.bytes(), headLength)));
        connection.write(ByteBuffer.wrap(((Body.Bytes) response.body()).bytes()));
        connection.closeAfterFlush();
    }

    @Override
    public void sweep(long now, long requestTimeout, long idleTimeout) {
        if (state != State.READING && state != State.PAUSED) {
            return; // write progress of the other states is the connection's to watch
        }
        if (requestStarted != 0 && now - requestStarted > requestTimeout) {
            sendErrorAndClose(HttpStatus.REQUEST_TIMEOUT,
                    "Request not completed within " + TimeUnit.NANOSECONDS.toSeconds(requestTimeout) + " s");
        } else if (requestStarted == 0 && !connection.hasQueuedOutput() && now - connection.lastActivity() > idleTimeout) {
            connection.close();
        }
    }

    @Override
    public void beginShutdown() {
        switch (state) {
            case READING, PAUSED -> {
                if (requestStarted == 0 && !connection.hasQueuedOutput()) {
                    connection.close();
                }
            }
            case STREAMING -> connection.endStreamInDrain(() -> {
                stream.sendFarewell();
                stream.end();
            });
            default -> { }
        }
    }

    @Override
    public void onClosed() {
        state = State.DONE;
        parser = null;
        inbound = null;
        if (stream != null) {
            stream.ended();
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
            if (readBuffer.hasRemaining() && (state == State.READING || state == State.PAUSED
                    || state == State.HANDLING)) {
                inbound = ByteBuffer.allocate(readBuffer.remaining());
                inbound.put(readBuffer).flip();
            }
        } else if (!inbound.hasRemaining()) {
            inbound = null;
        }
    }

    @Override
    public String toString() {
        return "HTTP/1.1 " + state;
    }
}
