package dev.house.core.http2;

import dev.house.core.http.Body;
import dev.house.core.http.HttpDate;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Problem;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import dev.house.core.http.StreamChunk;
import dev.house.core.http.internal.RequestAccess;
import dev.house.core.io.Connection;
import dev.house.core.io.EventLoop;
import dev.house.core.io.Protocol;
import dev.house.core.io.ServerRuntime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/2 on one {@link Connection}: feeds the socket's bytes to an {@link Http2Connection} engine,
 * turns its requests into the same {@link Request}s HTTP/1.1 makes and dispatches them through
 * the same runtime path (router, workers, interceptors, {@code HttpException.toResponse()}), and
 * moves the engine's frames to the socket through the connection's normal outbound path.
 *
 * <p>Output is pulled from the engine only while the connection's own queue is empty: what the
 * socket does not take stays in the engine, per stream and under flow control, where the
 * slow-consumer bounds see it. Stream chunks (SSE events) are pulled once, at the end of the loop
 * pass ({@link Connection#flushAtEndOfPass}), so one event to many streams of a connection costs
 * one write. Files are read a few frames ahead of what the stream's window takes, never whole.
 * Everything runs on the connection's loop.
 *
 * <p>It is over 400 lines because it is HTTP/2's whole seat on a connection, the counterpart of
 * {@code Http1Connection}: dispatch of each stream's exchange, the three response shapes (fixed,
 * file, stream), pulling frames under flow control, and the connection's timers and two-step
 * GOAWAY. Each needs the same session state; the wire rules stay in {@link Http2Connection}.
 */
final class Http2Session implements Protocol, Http2Handler {
    private static final Logger log = LoggerFactory.getLogger(Http2Session.class);
    private static final EventLoop.Local<HttpDate> DATE = new EventLoop.Local<>(HttpDate::new);
    /** How far a file is read ahead of what its stream's window has taken. */
    private static final int FILE_CHUNK = 16 * 1024;
    private static final long SHUTDOWN_PING = 0x686f757365L; // "house"
    private static final long SHUTDOWN_STEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Connection connection;
    private final EventLoop loop;
    private final ServerRuntime server;
    private final Http2Connection engine;
    private final StreamMap<Http2Exchange> exchanges = new StreamMap<>();
    private final List<Http2Exchange> files = new ArrayList<>(2);
    private boolean receiving;
    private boolean pumping;
    private boolean shuttingDown;
    private boolean closed;

    Http2Session(Connection connection, Http2Config config) {
        this.connection = connection;
        this.loop = connection.loop();
        this.server = connection.server();
        this.engine = new Http2Connection(config, this, System::nanoTime);
    }

    // ---- bytes in and out ---------------------------------------------------------------------

    @Override
    public void onInput(ByteBuffer in) {
        receiving = true;
        try {
            engine.receive(in);
        } finally {
            receiving = false;
        }
        pump();
    }

    @Override
    public void onEndOfInput() {
        // The client will send nothing more: no new streams, and no stream of it can end well.
        for (Http2Exchange ex : exchanges.snapshot()) {
            if (ex.state == Http2Exchange.State.STREAMING) {
                endStream(ex);
            }
        }
        engine.goAway();
        pump();
    }

    @Override
    public void onOutputDrained() {
        pump();
    }

    @Override
    public void onEndOfPass() {
        pump();
    }

    /**
     * Moves the engine's frames to the connection while its queue is empty; closes once the
     * engine is finished and drained. Never re-entered (handlers may answer inside a callback).
     */
    private void pump() {
        if (receiving || pumping || closed) {
            return;
        }
        pumping = true;
        try {
            feedFiles();
            while (engine.hasOutbound() && connection.phase() == Connection.Phase.OPEN
                    && !connection.hasQueuedOutput()) {
                ByteBuffer direct = connection.directBuffer(FILE_CHUNK * 4);
                if (direct != null) {
                    engine.drainTo(direct);
                    if (!connection.writeDirect(direct.flip())) {
                        return;
                    }
                } else {
                    ByteBuffer buf = ByteBuffer.allocate(Math.min(engine.outboundSize(), FILE_CHUNK * 4));
                    engine.drainTo(buf);
                    connection.write(buf.flip());
                    connection.flush();
                }
                feedFiles();
            }
            if (connection.hasQueuedOutput() || connection.hasStaged()) {
                connection.flush();
            }
            if (engine.isClosed() && !engine.hasOutbound()) {
                connection.closeAfterFlush();
            }
        } finally {
            pumping = false;
        }
    }

    // ---- requests ------------------------------------------------------------------------------

    @Override
    public void request(int streamId, Http2Request head, boolean endStream) {
        Http2Exchange ex = new Http2Exchange(streamId, head, loop.now());
        exchanges.put(streamId, ex);
        if (endStream) {
            dispatch(ex);
        }
    }

    @Override
    public void data(int streamId, ByteBuffer data, boolean endStream) {
        Http2Exchange ex = exchanges.get(streamId);
        if (ex == null || ex.state != Http2Exchange.State.RECEIVING) {
            return; // answered already (a timeout): the rest of the body is not wanted
        }
        ex.append(data);
        if (endStream) {
            dispatch(ex);
        }
    }

    private void dispatch(Http2Exchange ex) {
        ex.state = Http2Exchange.State.HANDLING;
        Http2Request head = ex.head;
        ex.head = null; // an SSE stream's exchange lives for hours; the Request keeps what is needed
        Request request;
        try {
            if (head.path() == null) {
                throw new HttpException(HttpStatus.NOT_IMPLEMENTED, "CONNECT is not supported");
            }
            request = RequestAccess.received(server.config().limits(), head.method(), head.path(), HttpVersion.HTTP_2,
                    head.headers(), ex.body(), connection.remote(), connection.tlsInfo(), server.nextRequestId(),
                    System.nanoTime());
        } catch (HttpException e) {
            complete(ex, null, null, e.toResponse());
            return;
        }
        ex.request = request;
        server.listener().received(request);
        Route route;
        try {
            route = server.router().route(request);
        } catch (RuntimeException e) {
            complete(ex, request, null, server.failure(request, e));
            return;
        }
        server.listener().routed(request, route);
        switch (route.execution()) {
            case EVENT_LOOP -> complete(ex, request, route, server.invoke(route, request));
            case WORKER -> {
                try {
                    server.workers().execute(() -> {
                        Response response = server.invoke(route, request);
                        loop.execute(() -> complete(ex, request, route, response));
                    });
                } catch (RejectedExecutionException e) {
                    complete(ex, request, route, Response.error(HttpStatus.SERVICE_UNAVAILABLE,
                            "Server is overloaded; retry later"));
                }
            }
        }
    }

    @Override
    public Refusal refusal(int status, String detail) {
        Response response = Problem.finish(new HttpException(HttpStatus.of(status), detail).toResponse(), 0,
                server.config().errorFormat());
        if (!(response.body() instanceof Body.Bytes bytes)) {
            return null;
        }
        return new Refusal(headers(response, bytes), bytes.bytes());
    }

    /** Writes the response of an exchange; on the loop. {@code request} is null when it was refused unparsed. */
    private void complete(Http2Exchange ex, Request request, Route route, Response response) {
        response = Problem.finish(response, request == null ? 0 : request.id(), server.config().errorFormat());
        if (exchanges.get(ex.id) != ex) {
            if (request != null) {
                RequestAccess.endExchange(request);
                server.listener().failed(request, new IOException("client reset the stream before the response"));
            }
            return;
        }
        boolean head = request != null && request.method() == HttpMethod.HEAD;
        HttpStatus status = response.status();
        Body body = status.allowsBody() ? response.body() : Body.EMPTY;
        HttpHeaders headers;
        try {
            headers = headers(response, body);
        } catch (IllegalArgumentException e) {
            log.error("request {} ({}): handler produced an invalid response header: {}",
                    request == null ? 0 : request.id(), request, e.getMessage());
            complete(ex, request, route, request == null
                    ? Response.error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error")
                    : Problem.internalError(request));
            return;
        }
        boolean streaming = body instanceof Body.Stream && !head;
        boolean empty = head || (!streaming && body.length() == 0);
        engine.respond(ex.id, status.code(), headers, empty);
        if (!empty) {
            if (body instanceof Body.Bytes bytes) {
                engine.send(ex.id, ByteBuffer.wrap(bytes.bytes()), true, false);
            } else if (body instanceof Body.FileRegion region) {
                startFile(ex, region);
            }
        }
        if (request != null) {
            server.listener().completed(request, route, response, System.nanoTime() - request.receivedNanos());
            if (!streaming) {
                RequestAccess.endExchange(request);
            }
        }
        if (streaming) {
            openStream(ex, request, (Body.Stream) body);
        } else if (ex.state != Http2Exchange.State.SENDING_FILE) {
            finish(ex);
        }
        pump();
    }

    /** The response's fields: a date, the handler's (minus framing ones), the length when known. */
    private HttpHeaders headers(Response response, Body body) {
        HttpHeaders source = response.headers();
        HttpHeaders headers = new HttpHeaders(source.size() + 2);
        headers.add("date", new String(loop.local(DATE).now(), StandardCharsets.US_ASCII));
        for (int i = 0; i < source.size(); i++) {
            String name = source.name(i);
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("date")) {
                continue;
            }
            checkField(name, source.value(i));
            headers.add(name, source.value(i));
        }
        if (!(body instanceof Body.Stream) && response.status().allowsBody()) {
            headers.add("content-length", Long.toString(body.length()));
        }
        return headers;
    }

    /** Refuses what cannot be a field line: a handler must not be able to corrupt the block. */
    private static void checkField(String name, String value) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty response header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':' || c == '"' || c == '(' || c == ')' || c == ',' || c == '/'
                    || c == ';' || c == '<' || c == '=' || c == '>' || c == '?' || c == '@' || c == '['
                    || c == '\\' || c == ']' || c == '{' || c == '}') {
                throw new IllegalArgumentException("response header name is not a token: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("response header value contains a control character");
            }
        }
    }

    /** The exchange needs nothing more from us: the engine finishes writing it. */
    private void finish(Http2Exchange ex) {
        ex.state = Http2Exchange.State.DONE;
        exchanges.remove(ex.id, ex);
    }

    // ---- files ---------------------------------------------------------------------------------

    private void startFile(Http2Exchange ex, Body.FileRegion region) {
        try {
            ex.file = FileChannel.open(region.path(), StandardOpenOption.READ);
        } catch (IOException e) {
            log.warn("request {}: cannot open {}: {}", ex.request == null ? 0 : ex.request.id(), region.path(), e.toString());
            engine.reset(ex.id, Http2Error.INTERNAL_ERROR);
            finish(ex);
            return;
        }
        ex.filePosition = region.offset();
        ex.fileRemaining = region.length();
        ex.state = Http2Exchange.State.SENDING_FILE;
        files.add(ex);
    }

    /** Reads each file response a little ahead of what its stream's window takes. */
    private void feedFiles() {
        for (int i = files.size() - 1; i >= 0; i--) {
            Http2Exchange ex = files.get(i);
            if (feed(ex)) {
                files.remove(i);
                ex.closeFile();
                finish(ex);
            }
        }
    }

    /** Returns true when the file is done (sent, or failed). */
    private boolean feed(Http2Exchange ex) {
        if (exchanges.get(ex.id) != ex || ex.file == null) {
            return true;
        }
        try {
            while (ex.fileRemaining > 0 && engine.pendingBytes(ex.id) < 2L * FILE_CHUNK
                    && engine.outboundSize() < 4 * FILE_CHUNK) {
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(FILE_CHUNK, ex.fileRemaining));
                while (buf.hasRemaining()) {
                    int n = ex.file.read(buf, ex.filePosition + buf.position());
                    if (n < 0) {
                        throw new IOException("file shorter than its response length");
                    }
                }
                ex.filePosition += buf.capacity();
                ex.fileRemaining -= buf.capacity();
                if (!engine.send(ex.id, buf.flip(), ex.fileRemaining == 0, false)) {
                    return true;
                }
            }
        } catch (IOException e) {
            log.warn("request {}: reading the file failed: {}", ex.request == null ? 0 : ex.request.id(), e.toString());
            engine.reset(ex.id, Http2Error.INTERNAL_ERROR);
            return true;
        }
        return ex.fileRemaining == 0;
    }

    // ---- streams -------------------------------------------------------------------------------

    private void openStream(Http2Exchange ex, Request request, Body.Stream body) {
        ex.state = Http2Exchange.State.STREAMING;
        Http2ResponseStream stream = new Http2ResponseStream(this, ex, request, loop,
                server.config().streamMaxPendingBytes());
        ex.stream = stream;
        if (shuttingDown) {
            endStream(ex);
            return;
        }
        try {
            body.handler().onOpen(stream);
        } catch (RuntimeException e) {
            log.error("request {} ({}): stream handler failed", request.id(), request, e);
            endStream(ex);
        }
    }

    /**
     * Sends a chunk on a stream as DATA, sharing the payload (no copy per stream). A stream whose
     * bytes waiting for window would pass its bound is reset and counted as cut; so is the
     * stream holding the most when the connection's streams together would pass
     * {@code maxPendingOutput}, so one stalled stream cannot hold the others' memory. On the loop.
     */
    boolean sendChunk(Http2Exchange ex, StreamChunk chunk) {
        if (ex.state != Http2Exchange.State.STREAMING || exchanges.get(ex.id) != ex) {
            return false;
        }
        byte[] bytes = chunk.bytes();
        if (engine.pendingBytes(ex.id) + bytes.length > ex.stream.maxPendingBytes()) {
            cut(ex);
            return false;
        }
        if (engine.pendingBytes() + connection.pendingBytes() + bytes.length > server.config().maxPendingOutput()) {
            Http2Exchange fattest = fattestStream();
            if (fattest != null) {
                cut(fattest);
            }
            if (fattest == ex || fattest == null) {
                return false;
            }
        }
        engine.send(ex.id, ByteBuffer.wrap(bytes), false, false);
        // Written at the end of the pass: an event to many streams of this connection, or a
        // burst, leaves as one write instead of one per chunk; a lone chunk still leaves this pass.
        connection.flushAtEndOfPass();
        return true;
    }

    private Http2Exchange fattestStream() {
        Http2Exchange fattest = null;
        long most = 0;
        for (Http2Exchange e : exchanges) {
            long pending = engine.pendingBytes(e.id);
            if (e.state == Http2Exchange.State.STREAMING && pending > most) {
                most = pending;
                fattest = e;
            }
        }
        return fattest;
    }

    /** Resets a stream whose client does not take its data, and counts it as cut. */
    private void cut(Http2Exchange ex) {
        server.slowConsumerCut();
        log.debug("{}: stream {} is too slow ({} bytes waiting); resetting it", connection, ex.id,
                engine.pendingBytes(ex.id));
        ex.stream.markCutOff();
        engine.reset(ex.id, Http2Error.CANCEL);
        ended(ex);
        pump();
    }

    /** Ends a stream after what is queued: an empty DATA frame with END_STREAM; on the loop. */
    void endStream(Http2Exchange ex) {
        if (ex.state != Http2Exchange.State.STREAMING) {
            return;
        }
        engine.send(ex.id, ByteBuffer.allocate(0), true, false);
        ended(ex);
        pump();
    }

    long pendingBytes(Http2Exchange ex) {
        return engine.pendingBytes(ex.id);
    }

    /** The exchange is over on our side; a stream's close callbacks run (an SSE subscriber leaves). */
    private void ended(Http2Exchange ex) {
        ex.state = Http2Exchange.State.DONE;
        exchanges.remove(ex.id, ex);
        ex.closeFile();
        if (ex.stream != null) {
            ex.stream.ended();
        }
    }

    @Override
    public void closed(int streamId, Http2Error reason) {
        Http2Exchange ex = exchanges.get(streamId);
        if (ex != null) {
            log.debug("{}: stream {} closed early ({})", connection, streamId, reason);
            ended(ex);
        }
    }

    @Override
    public void streamError(int streamId, Http2Error error, String message) {
        log.debug("{}: stream {} error {}: {}", connection, streamId, error, message);
    }

    @Override
    public void connectionError(Http2Error error, String message) {
        log.debug("{}: connection error {}: {}", connection, error, message);
    }

    // ---- timers and shutdown -------------------------------------------------------------------

    @Override
    public void sweep(long now, long requestTimeout, long idleTimeout) {
        if (engine.settingsAckOverdue(now, requestTimeout)) {
            engine.fail(Http2Error.SETTINGS_TIMEOUT, "SETTINGS not acknowledged within "
                    + TimeUnit.NANOSECONDS.toSeconds(requestTimeout) + " s");
            pump();
            return;
        }
        for (Http2Exchange ex : exchanges.snapshot()) {
            if (ex.state == Http2Exchange.State.RECEIVING && now - ex.started > requestTimeout) {
                complete(ex, null, null, Response.error(HttpStatus.REQUEST_TIMEOUT,
                        "Request not completed within " + TimeUnit.NANOSECONDS.toSeconds(requestTimeout) + " s"));
            }
        }
        for (int id : engine.stalledStreams(now, idleTimeout)) {
            log.debug("{}: stream {} waited {} s for window; resetting it", connection, id,
                    TimeUnit.NANOSECONDS.toSeconds(idleTimeout));
            Http2Exchange ex = exchanges.get(id);
            if (ex != null && ex.stream != null) {
                cut(ex);
            } else {
                engine.reset(id, Http2Error.CANCEL);
                if (ex != null) {
                    ended(ex);
                }
            }
        }
        pump();
        if (exchanges.isEmpty() && engine.activeStreams() == 0 && !engine.hasOutbound()
                && now - connection.lastActivity() > idleTimeout) {
            engine.goAway();
            pump();
        }
    }

    /**
     * Graceful shutdown, two-step (RFC 9113 §6.8): GOAWAY with the largest id and a PING; open SSE
     * streams get their farewell and end spread over the stream drain ({@code Connection.endStreamInDrain}); when the PING comes back (or after a second)
     * the final GOAWAY names the last stream taken, whose exchanges finish within the grace
     * period, then the connection closes.
     */
    @Override
    public void beginShutdown() {
        if (shuttingDown) {
            return;
        }
        shuttingDown = true;
        engine.announceGoAway(SHUTDOWN_PING);
        for (Http2Exchange ex : exchanges.snapshot()) {
            if (ex.state == Http2Exchange.State.STREAMING) {
                connection.endStreamInDrain(() -> endWithFarewell(ex));
            }
        }
        pump();
        loop.schedule(this::finalGoAway, SHUTDOWN_STEP_NANOS, TimeUnit.NANOSECONDS);
    }

    /** Ends a stream at its turn in the server's stream drain, after its farewell chunk. */
    private void endWithFarewell(Http2Exchange ex) {
        if (closed || ex.state != Http2Exchange.State.STREAMING) {
            return;
        }
        StreamChunk farewell = ex.stream.farewell();
        if (farewell != null) {
            engine.send(ex.id, ByteBuffer.wrap(farewell.bytes()), false, false);
        }
        endStream(ex);
        pump();
    }

    @Override
    public void pingAcknowledged(long data) {
        if (shuttingDown && data == SHUTDOWN_PING) {
            finalGoAway();
        }
    }

    private void finalGoAway() {
        if (closed) {
            return;
        }
        engine.goAway();
        pump();
    }

    @Override
    public void onClosed() {
        closed = true;
        for (Http2Exchange ex : exchanges.snapshot()) {
            ended(ex);
        }
        files.clear();
    }

    @Override
    public String toString() {
        return "HTTP/2 " + exchanges.size() + " exchanges";
    }
}
