package dev.house.core.http2;

import dev.house.core.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The server side of one HTTP/2 connection (RFC 9113), in memory: inbound bytes in (from the
 * client connection preface on), outbound bytes and {@link Http2Handler} events out. It never
 * touches a socket or a thread: the connection layer feeds {@link #receive}, drains
 * {@link #drainTo}, and closes the socket once {@link #isClosed} and drained, all on the
 * connection's event loop.
 *
 * <p>It keeps the stream state machine (§5.1), applies the connection-vs-stream error rules (§5.4),
 * exchanges SETTINGS, answers PING, sends GOAWAY with the last stream it processed, honours the
 * peer's connection and stream windows (a stream without window waits while others flow) and
 * grants its own only as far as a handler accepts body ({@code maxBodySize}). Requests are
 * validated per §8.2/§8.3 before a handler sees them. Abuse is bounded: streams beyond
 * MAX_CONCURRENT_STREAMS are refused, rapid resets (CVE-2023-44487) and floods of control or
 * empty frames end the connection with ENHANCE_YOUR_CALM, a header block may not grow past
 * MAX_HEADER_LIST_SIZE across CONTINUATION frames, and HPACK bombs are counted by decoded size.
 *
 * <p>It is the biggest class of the core because every frame type's handling depends on the same
 * connection state (stream table, both flow-control windows, SETTINGS in force, GOAWAY, abuse
 * counters), and RFC 9113's rules are written per frame against that state; kept in one class,
 * each rule sits beside the state it reads. Codecs (frames, HPACK), request validation
 * ({@code RequestFields}) and per-stream state ({@code Http2Stream}) are already their own classes.
 */
final class Http2Connection implements FrameReader.Listener {
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int REMEMBERED = 64;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Http2Config config;
    private final Http2Handler handler;
    private final LongSupplier clock;
    private final FrameReader reader;
    private final HpackDecoder decoder;
    private final HpackEncoder encoder;
    private final ByteSink out = new ByteSink(1024);
    private final ByteSink blockOut = new ByteSink(256);
    private final StreamMap<Http2Stream> streams = new StreamMap<>();
    private final ArrayDeque<Http2Stream> writeQueue = new ArrayDeque<>();

    /** Recently closed streams, and whether we reset them (then frames in flight are ignored, §5.1). */
    private final int[] closedIds = new int[REMEMBERED];
    private final boolean[] closedByUs = new boolean[REMEMBERED];
    private int closedNext;

    private int prefaceMatched;
    private boolean settingsReceived;
    private int lastClientStream;
    private boolean goAwaySent;
    private boolean goAwayAnnounced;
    private boolean closed;
    private boolean settingsAcknowledged;
    private final long openedAt;

    /** The header block being assembled from HEADERS and CONTINUATION frames. */
    private int blockStream;
    private boolean blockEndStream;
    private int blockDependency;
    private byte[] block = new byte[256];
    private int blockLength;
    private int blockLimit;

    private long peerInitialWindow = Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    private int peerMaxFrameSize = Http2Settings.MIN_MAX_FRAME_SIZE;
    private long connectionSendWindow = Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    private long connectionReceiveWindow = Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
    private int connectionUnacknowledged;

    private long floodWindowStart;
    private int resets;
    private int controlFrames;
    /**
     * WINDOW_UPDATEs our DATA frames have earned: a client that returns window after each frame it
     * reads (one update for the stream, one for the connection) is downloading, not flooding.
     */
    private int earnedWindowUpdates;
    private int emptyFrames;

    Http2Connection(Http2Config config, Http2Handler handler, LongSupplier clock) {
        this.config = config;
        this.handler = handler;
        this.clock = clock;
        this.reader = new FrameReader(config.maxFrameSize());
        this.decoder = new HpackDecoder(config.headerTableSize(), config.maxHeaderListSize());
        this.encoder = new HpackEncoder(Http2Settings.DEFAULT_HEADER_TABLE_SIZE, true, HpackEncoder.CREDENTIALS);
        this.floodWindowStart = clock.getAsLong();
        this.openedAt = floodWindowStart;
        // §3.4: the server's preface is a SETTINGS frame, sent at once.
        FrameWriter.settings(out, config.settings());
        int extra = config.connectionWindowSize() - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
        if (extra > 0) {
            FrameWriter.windowUpdate(out, 0, extra);
            connectionReceiveWindow += extra;
        }
    }

    // ---- the connection layer's side

    /** Consumes all of {@code in}: the client preface first, then frames. */
    void receive(ByteBuffer in) {
        if (closed) {
            in.position(in.limit());
            return;
        }
        try {
            while (prefaceMatched < PREFACE.length && in.hasRemaining()) {
                if (in.get() != PREFACE[prefaceMatched]) {
                    throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "Invalid HTTP/2 client connection preface");
                }
                prefaceMatched++;
            }
            while (in.hasRemaining() && !closed) {
                try {
                    reader.read(in, this);
                } catch (Http2Exception e) {
                    if (e.scope() == Http2Exception.Scope.CONNECTION) {
                        throw e;
                    }
                    int type = reader.frameType();
                    // §5.1: only HEADERS and PRIORITY may name an idle stream, and RST_STREAM must not be
                    // sent for one, so any other frame's error there is the connection's.
                    if (type != FrameReader.HEADERS && type != FrameReader.PRIORITY && isIdle(e.streamId())) {
                        throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR,
                                e.getMessage() + " on idle stream " + e.streamId());
                    }
                    streamError(e);
                }
            }
        } catch (Http2Exception e) {
            connectionError(e.error(), e.getMessage());
            in.position(in.limit());
        }
        flush();
    }

    /** Moves pending outbound bytes into {@code dst}; returns how many. */
    int drainTo(ByteBuffer dst) {
        int n = out.drainTo(dst);
        flush();
        return n;
    }

    /** All pending outbound bytes (tests, and callers without a buffer of their own). */
    byte[] drain() {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        while (!out.isEmpty()) {
            byte[] part = out.drain();
            parts.add(part);
            total += part.length;
            flush();
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    boolean hasOutbound() {
        return !out.isEmpty();
    }

    /** Whether the connection is finished: close the socket once the outbound bytes are written. */
    boolean isClosed() {
        return closed;
    }

    int activeStreams() {
        return streams.size();
    }

    // ---- the application's side

    /** Starts the response on a stream; false if the stream is gone (reset) or already answered. */
    boolean respond(int streamId, int status, HttpHeaders headers, boolean endStream) {
        Http2Stream s = streams.get(streamId);
        if (s == null || s.responded || s.localClosed()) {
            return false;
        }
        s.responded = true;
        writeHeaders(streamId, status, headers, endStream);
        if (endStream) {
            finishLocal(s);
        }
        return true;
    }

    /**
     * Queues response body data (copied) and writes what the windows allow; the rest waits for
     * WINDOW_UPDATE. False if the stream is gone.
     */
    boolean send(int streamId, ByteBuffer data, boolean endStream) {
        return send(streamId, data, endStream, true);
    }

    /**
     * Like {@link #send(int, ByteBuffer, boolean)}, without the copy when {@code copy} is false:
     * the caller promises {@code data}'s bytes never change (an SSE payload shared by every
     * subscriber, a response body), so one event costs no copy per stream.
     */
    boolean send(int streamId, ByteBuffer data, boolean endStream, boolean copy) {
        Http2Stream s = streams.get(streamId);
        if (s == null || !s.responded || s.localClosed() || s.pendingEnd) {
            return false;
        }
        int n = data.remaining();
        if (n > 0) {
            s.queue(copy ? ByteBuffer.allocate(n).put(data).flip() : data);
            s.pendingBytes += n;
        }
        s.pendingEnd = endStream;
        enqueue(s);
        flush();
        return true;
    }

    /** Response bytes of a stream still waiting for window (the per-stream slow-consumer measure). */
    long pendingBytes(int streamId) {
        Http2Stream s = streams.get(streamId);
        return s == null ? 0 : s.pendingBytes;
    }

    /**
     * Response bytes of all streams still waiting for window: the per-connection slow-consumer
     * measure, so one connection's streams together stay bounded too. A walk over at most
     * MAX_CONCURRENT_STREAMS streams, always exact whichever way a stream ended.
     */
    long pendingBytes() {
        long total = 0;
        for (Http2Stream s : streams) {
            total += s.pendingBytes;
        }
        return total;
    }

    /**
     * Streams whose response data has waited for window (theirs or the connection's) with no
     * byte written for longer than {@code timeoutNanos}: a peer that never opens a window must
     * not hold a stream, and its memory, for ever. Called by a periodic sweep: a stream is
     * first seen waiting, then found still waiting, with nothing sent, after the timeout.
     */
    List<Integer> stalledStreams(long now, long timeoutNanos) {
        List<Integer> stalled = null;
        for (Http2Stream s : streams) {
            if (s.pendingBytes == 0 || (s.sendWindow > 0 && connectionSendWindow > 0)) {
                s.stalledSince = 0;
            } else if (s.stalledSince == 0) {
                s.stalledSince = now | 1;
            } else if (now - s.stalledSince > timeoutNanos) {
                if (stalled == null) {
                    stalled = new ArrayList<>();
                }
                stalled.add(s.id);
            }
        }
        return stalled == null ? List.of() : stalled;
    }

    /** Bytes waiting in the outbound buffer, to be drained. */
    int outboundSize() {
        return out.size();
    }

    /** Whether the peer has not acknowledged our SETTINGS within {@code timeoutNanos} of the start (§6.5.3). */
    boolean settingsAckOverdue(long now, long timeoutNanos) {
        return !settingsAcknowledged && !closed && now - openedAt > timeoutNanos;
    }

    /** Ends the connection for a reason found outside the frames (a timeout): GOAWAY with {@code error}. */
    void fail(Http2Error error, String message) {
        connectionError(error, message);
    }

    /**
     * The first step of a graceful shutdown (§6.8): GOAWAY with the largest stream id, so the
     * client stops opening streams while those in flight still count, and a PING to learn when it
     * has seen it ({@link Http2Handler#pingAcknowledged}); then {@link #goAway()}.
     */
    void announceGoAway(long pingData) {
        if (!goAwayAnnounced && !goAwaySent && !closed) {
            goAwayAnnounced = true;
            FrameWriter.goAway(out, Integer.MAX_VALUE, Http2Error.NO_ERROR, "");
            FrameWriter.ping(out, false, pingData);
        }
    }

    /** Resets a stream from our side (the application gave up on it). */
    void reset(int streamId, Http2Error error) {
        Http2Stream s = streams.remove(streamId);
        if (s == null) {
            return;
        }
        s.state = Http2Stream.State.CLOSED;
        FrameWriter.rstStream(out, streamId, error);
        remember(streamId, true);
        closeIfGoingAway();
    }

    /** Graceful shutdown: GOAWAY(NO_ERROR) with the last stream processed; open streams may finish. */
    void goAway() {
        if (!goAwaySent) {
            goAwaySent = true;
            FrameWriter.goAway(out, lastClientStream, Http2Error.NO_ERROR, "");
        }
        closeIfGoingAway();
    }

    // ---- frames from the peer

    @Override
    public void settings(boolean ack, Http2Settings settings) {
        if (ack) {
            requireSettings();
            settingsAcknowledged = true;
            return;
        }
        settingsReceived = true;
        countControl();
        if (settings.has(Http2Settings.HEADER_TABLE_SIZE)) {
            encoder.setMaxTableSize((int) Math.min(settings.get(Http2Settings.HEADER_TABLE_SIZE), Integer.MAX_VALUE));
        }
        if (settings.has(Http2Settings.INITIAL_WINDOW_SIZE)) {
            // §6.9.2: the change applies to every stream's window, which may overflow.
            long delta = settings.get(Http2Settings.INITIAL_WINDOW_SIZE) - peerInitialWindow;
            peerInitialWindow = settings.get(Http2Settings.INITIAL_WINDOW_SIZE);
            for (Http2Stream s : streams) {
                s.sendWindow += delta;
                if (s.sendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                    throw Http2Exception.connection(Http2Error.FLOW_CONTROL_ERROR,
                            "SETTINGS_INITIAL_WINDOW_SIZE makes the window of stream " + s.id + " exceed 2^31-1");
                }
                unblock(s);
            }
        }
        if (settings.has(Http2Settings.MAX_FRAME_SIZE)) {
            peerMaxFrameSize = (int) settings.get(Http2Settings.MAX_FRAME_SIZE);
        }
        FrameWriter.settingsAck(out);
        checkOutboundFlood();
    }

    @Override
    public void ping(boolean ack, long data) {
        requireSettings();
        countControl();
        if (!ack) {
            FrameWriter.ping(out, true, data);
            checkOutboundFlood();
        } else {
            handler.pingAcknowledged(data);
        }
    }

    @Override
    public void goAway(int lastStreamId, long errorCode, ByteBuffer debugData) {
        requireSettings();
        // The client will open no more streams; ours finish and the connection layer closes when idle.
    }

    @Override
    public void windowUpdate(int streamId, int increment) {
        requireSettings();
        if (earnedWindowUpdates > 0) {
            earnedWindowUpdates--;
        } else {
            countControl();
        }
        if (streamId == 0) {
            connectionSendWindow += increment;
            if (connectionSendWindow > Http2Settings.MAX_WINDOW_SIZE) {
                throw Http2Exception.connection(Http2Error.FLOW_CONTROL_ERROR, "WINDOW_UPDATE makes the connection window exceed 2^31-1");
            }
            return;
        }
        Http2Stream s = streams.get(streamId);
        if (s == null) {
            if (isIdle(streamId)) {
                throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "WINDOW_UPDATE on idle stream " + streamId);
            }
            return;
        }
        s.sendWindow += increment;
        if (s.sendWindow > Http2Settings.MAX_WINDOW_SIZE) {
            throw Http2Exception.stream(streamId, Http2Error.FLOW_CONTROL_ERROR,
                    "WINDOW_UPDATE makes the window of stream " + streamId + " exceed 2^31-1");
        }
        unblock(s);
    }

    @Override
    public void priority(int streamId, int dependency, boolean exclusive, int weight) {
        requireSettings();
        // RFC 9113 §5.3.2: priority signals are parsed and ignored.
        countControl();
    }

    @Override
    public void unknown(int type, int streamId, int length) {
        requireSettings();
        countControl();
    }

    @Override
    public void rstStream(int streamId, long errorCode) {
        requireSettings();
        Http2Stream s = streams.remove(streamId);
        if (s == null) {
            if (isIdle(streamId)) {
                throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "RST_STREAM on idle stream " + streamId);
            }
            return;
        }
        s.state = Http2Stream.State.CLOSED;
        remember(streamId, false);
        handler.closed(streamId, Http2Error.of(errorCode));
        countReset();
        closeIfGoingAway();
    }

    @Override
    public void headers(int streamId, ByteBuffer fragment, boolean endStream, boolean endHeaders, int dependency) {
        requireSettings();
        if ((streamId & 1) == 0) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "HEADERS on even stream " + streamId + ": clients open odd streams");
        }
        blockStream = streamId;
        blockEndStream = endStream;
        blockDependency = dependency;
        blockLength = 0;
        // One HEADERS frame may be as large as a frame; beyond that a block may not outgrow the list limit.
        blockLimit = Math.max(config.maxHeaderListSize(), fragment.remaining());
        append(fragment);
        if (endHeaders) {
            endBlock();
        }
    }

    @Override
    public void continuation(int streamId, ByteBuffer fragment, boolean endHeaders) {
        if (!fragment.hasRemaining() && !endHeaders) {
            countEmpty();
        }
        append(fragment);
        if (endHeaders) {
            endBlock();
        }
    }

    @Override
    public void data(int streamId, ByteBuffer data, int flowLength, boolean endStream) {
        requireSettings();
        connectionReceiveWindow -= flowLength;
        if (connectionReceiveWindow < 0) {
            throw Http2Exception.connection(Http2Error.FLOW_CONTROL_ERROR, "DATA exceeds the connection window");
        }
        Http2Stream s = streams.get(streamId);
        if (s == null) {
            if (ignoredAfterGoAway(streamId)) {
                // §6.8: still counted toward the connection window, which we give back.
                replenishConnection(flowLength);
                return;
            }
            if (streamId > lastClientStream) {
                throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "DATA on idle stream " + streamId);
            }
            replenishConnection(flowLength);
            if (closedByUs(streamId)) {
                return;
            }
            throw Http2Exception.stream(streamId, Http2Error.STREAM_CLOSED, "DATA on closed stream " + streamId);
        }
        if (s.remoteClosed()) {
            replenishConnection(flowLength);
            throw Http2Exception.stream(streamId, Http2Error.STREAM_CLOSED, "DATA after END_STREAM on stream " + streamId);
        }
        replenishConnection(flowLength);
        s.receiveWindow -= flowLength;
        if (s.receiveWindow < 0) {
            throw Http2Exception.stream(streamId, Http2Error.FLOW_CONTROL_ERROR, "DATA exceeds the window of stream " + streamId);
        }
        int n = data.remaining();
        if (n == 0 && !endStream) {
            countEmpty();
        } else {
            emptyFrames = 0;
        }
        s.received += n;
        if (s.contentLength >= 0 && (s.received > s.contentLength || (endStream && s.received != s.contentLength))) {
            throw Http2Exception.stream(streamId, Http2Error.PROTOCOL_ERROR,
                    "DATA of " + (endStream ? "" : "at least ") + s.received + " octets does not match content-length " + s.contentLength);
        }
        if (s.received > config.maxBodySize()) {
            rejectLocally(s.id, 413, "Request body is larger than the limit of " + config.maxBodySize() + " bytes", false);
            streams.remove(streamId);
            handler.closed(streamId, Http2Error.CANCEL);
            return;
        }
        if (endStream) {
            s.closeRemote();
            handler.data(streamId, data, true);
            if (s.state == Http2Stream.State.CLOSED) {
                streams.remove(streamId);
                closeIfGoingAway();
            }
        } else {
            handler.data(streamId, data, false);
            grantStream(s);
        }
    }

    // ---- header blocks

    private void append(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (blockLength + n > blockLimit) {
            throw Http2Exception.connection(Http2Error.ENHANCE_YOUR_CALM,
                    "Header block of stream " + blockStream + " exceeds SETTINGS_MAX_HEADER_LIST_SIZE " + config.maxHeaderListSize());
        }
        if (blockLength + n > block.length) {
            block = java.util.Arrays.copyOf(block, Math.min(blockLimit, Math.max(block.length * 2, blockLength + n)));
        }
        fragment.get(block, blockLength, n);
        blockLength += n;
    }

    private void endBlock() {
        int id = blockStream;
        ByteBuffer buf = ByteBuffer.wrap(block, 0, blockLength);
        Http2Stream s = streams.get(id);
        if (s != null) {
            trailers(s, buf);
            return;
        }
        if (id <= lastClientStream) {
            // Decode anyway: the HPACK table must stay in step with the peer's encoder.
            decoder.decode(buf, (n, v) -> { });
            int known = closedIndex(id);
            if (known >= 0 && closedByUs[known]) {
                return;
            }
            if (known >= 0) {
                throw Http2Exception.connection(Http2Error.STREAM_CLOSED, "HEADERS on closed stream " + id);
            }
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR,
                    "HEADERS on stream " + id + " after stream " + lastClientStream + ": stream ids must increase");
        }
        RequestFields fields = new RequestFields(false);
        boolean within = decoder.decode(buf, fields);
        if (goAwaySent) {
            // §6.8: streams above the last id in our GOAWAY are ignored.
            return;
        }
        lastClientStream = id;
        if (blockDependency == id) {
            throw Http2Exception.stream(id, Http2Error.PROTOCOL_ERROR, "Stream " + id + " depends on itself");
        }
        if (streams.size() >= config.maxConcurrentStreams()) {
            throw Http2Exception.stream(id, Http2Error.REFUSED_STREAM,
                    "More than SETTINGS_MAX_CONCURRENT_STREAMS " + config.maxConcurrentStreams() + " streams");
        }
        if (!within) {
            rejectLocally(id, 431, "Header section is larger than " + config.maxHeaderListSize() + " bytes", blockEndStream);
            handler.streamError(id, Http2Error.NO_ERROR, "Header list exceeds SETTINGS_MAX_HEADER_LIST_SIZE " + config.maxHeaderListSize());
            return;
        }
        Http2Request request = fields.request();
        if (request == null) {
            throw Http2Exception.stream(id, Http2Error.PROTOCOL_ERROR, "Malformed request: " + fields.problem());
        }
        if (blockEndStream && request.contentLength() > 0) {
            throw Http2Exception.stream(id, Http2Error.PROTOCOL_ERROR,
                    "Malformed request: content-length " + request.contentLength() + " but no DATA");
        }
        if (request.contentLength() > config.maxBodySize()) {
            rejectLocally(id, 413, "Request body is larger than the limit of " + config.maxBodySize() + " bytes", blockEndStream);
            return;
        }
        Http2Stream stream = new Http2Stream(id,
                blockEndStream ? Http2Stream.State.HALF_CLOSED_REMOTE : Http2Stream.State.OPEN,
                config.initialWindowSize(), peerInitialWindow, request.contentLength());
        streams.put(id, stream);
        emptyFrames = 0;
        handler.request(id, request, blockEndStream);
    }

    private void trailers(Http2Stream s, ByteBuffer buf) {
        RequestFields fields = new RequestFields(true);
        decoder.decode(buf, fields);
        if (s.remoteClosed()) {
            throw Http2Exception.stream(s.id, Http2Error.STREAM_CLOSED, "HEADERS after END_STREAM on stream " + s.id);
        }
        if (!blockEndStream) {
            throw Http2Exception.stream(s.id, Http2Error.PROTOCOL_ERROR, "Trailers on stream " + s.id + " without END_STREAM");
        }
        if (fields.problem() != null) {
            throw Http2Exception.stream(s.id, Http2Error.PROTOCOL_ERROR, "Malformed trailers: " + fields.problem());
        }
        if (s.contentLength >= 0 && s.received != s.contentLength) {
            throw Http2Exception.stream(s.id, Http2Error.PROTOCOL_ERROR,
                    "DATA of " + s.received + " octets does not match content-length " + s.contentLength);
        }
        s.closeRemote();
        handler.data(s.id, EMPTY, true);
        if (s.state == Http2Stream.State.CLOSED) {
            streams.remove(s.id);
            closeIfGoingAway();
        }
    }

    // ---- writing

    private void writeHeaders(int streamId, int status, HttpHeaders headers, boolean endStream) {
        encoder.beginBlock(blockOut);
        encoder.encode(":status", Integer.toString(status), blockOut);
        if (headers != null) {
            for (int i = 0; i < headers.size(); i++) {
                String name = headers.name(i).toLowerCase(Locale.ROOT);
                switch (name) {
                    case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade" -> {
                        // §8.2.2: connection-specific fields have no meaning in HTTP/2.
                    }
                    default -> encoder.encode(name, headers.value(i), blockOut);
                }
            }
        }
        byte[] bytes = blockOut.drain();
        FrameWriter.headers(out, streamId, bytes, bytes.length, endStream, peerMaxFrameSize);
    }

    /**
     * Answers a request we will not hand on (413, 431) and ends the stream: with the handler's
     * error body naming the limit when the windows take it at once (it is small), else headers only.
     */
    private void rejectLocally(int streamId, int status, String detail, boolean requestComplete) {
        Http2Handler.Refusal refusal = handler.refusal(status, detail);
        int n = refusal == null ? 0 : refusal.body().length;
        if (n > 0 && n <= connectionSendWindow && n <= peerInitialWindow && n <= peerMaxFrameSize) {
            writeHeaders(streamId, status, refusal.headers(), false);
            FrameWriter.data(out, streamId, ByteBuffer.wrap(refusal.body()), true);
            connectionSendWindow -= n;
        } else {
            writeHeaders(streamId, status, null, true);
        }
        if (!requestComplete) {
            // §8.1: a complete response before the request ended; the client stops sending.
            FrameWriter.rstStream(out, streamId, Http2Error.NO_ERROR);
        }
        remember(streamId, true);
    }

    private void enqueue(Http2Stream s) {
        if (!s.queued) {
            s.queued = true;
            writeQueue.add(s);
        }
    }

    private void unblock(Http2Stream s) {
        if (s.sendWindow > 0 && (s.pendingBytes > 0 || s.pendingEnd)) {
            enqueue(s);
            if (s.blocked) {
                s.blocked = false;
                handler.writable(s.id);
            }
        }
    }

    /**
     * Writes queued response data, one frame per stream in turn, as far as the windows allow and
     * until the outbound buffer reaches its high-water mark.
     */
    private void flush() {
        while (!closed && !writeQueue.isEmpty() && out.size() < config.outboundHighWater()) {
            Http2Stream s = writeQueue.poll();
            s.queued = false;
            if (streams.get(s.id) != s || s.localClosed()) {
                continue;
            }
            ByteBuffer head = s.firstPending();
            if (head == null) {
                if (s.pendingEnd) {
                    FrameWriter.data(out, s.id, EMPTY, true);
                    finishLocal(s);
                }
                continue;
            }
            if (s.sendWindow <= 0) {
                s.blocked = true;
                continue;
            }
            if (connectionSendWindow <= 0) {
                s.queued = true;
                writeQueue.addFirst(s);
                return;
            }
            int n = (int) Math.min(Math.min(head.remaining(), s.sendWindow), Math.min(connectionSendWindow, peerMaxFrameSize));
            ByteBuffer chunk = head.slice(head.position(), n);
            head.position(head.position() + n);
            if (!head.hasRemaining()) {
                s.removeFirstPending();
            }
            s.pendingBytes -= n;
            s.stalledSince = 0; // progress: a stall is timed afresh
            s.sendWindow -= n;
            connectionSendWindow -= n;
            boolean end = !s.hasPending() && s.pendingEnd;
            FrameWriter.data(out, s.id, chunk, end);
            earnedWindowUpdates = Math.min(earnedWindowUpdates + 2, config.maxControlFramesPerWindow());
            if (end) {
                finishLocal(s);
            } else if (s.hasPending()) {
                enqueue(s);
            }
        }
    }

    private void finishLocal(Http2Stream s) {
        s.closeLocal();
        s.clearPending();
        s.pendingBytes = 0;
        if (!s.remoteClosed()) {
            // §8.1: the response is complete before the request; stop the rest of the request.
            FrameWriter.rstStream(out, s.id, Http2Error.NO_ERROR);
            s.state = Http2Stream.State.CLOSED;
            remember(s.id, true);
        } else {
            remember(s.id, false);
        }
        streams.remove(s.id);
        closeIfGoingAway();
    }

    /**
     * §6.8: after our GOAWAY, streams above its last id were never opened (their HEADERS were
     * ignored), so the frames the client sent on them before it saw the GOAWAY are ignored too,
     * not taken for frames on idle streams.
     */
    /** §5.1: a stream the client has not opened yet, and will not be ignored for our GOAWAY. */
    private boolean isIdle(int streamId) {
        return streamId > lastClientStream && !ignoredAfterGoAway(streamId);
    }

    private boolean ignoredAfterGoAway(int streamId) {
        return goAwaySent && streamId > lastClientStream;
    }

    private void closeIfGoingAway() {
        if (goAwaySent && streams.isEmpty()) {
            closed = true;
        }
    }

    // ---- flow control we grant

    private void replenishConnection(int n) {
        connectionUnacknowledged += n;
        if (connectionUnacknowledged >= config.connectionWindowSize() / 2) {
            FrameWriter.windowUpdate(out, 0, connectionUnacknowledged);
            connectionReceiveWindow += connectionUnacknowledged;
            connectionUnacknowledged = 0;
        }
    }

    /** Grants the stream more window once half is used, never beyond what the body limit still allows. */
    private void grantStream(Http2Stream s) {
        long allowed = config.maxBodySize() - s.received;
        long target = Math.min(config.initialWindowSize(), allowed);
        long increment = target - s.receiveWindow;
        if (increment > 0 && s.receiveWindow <= config.initialWindowSize() / 2) {
            FrameWriter.windowUpdate(out, s.id, (int) increment);
            s.receiveWindow += (int) increment;
        }
    }

    // ---- errors and limits

    private void requireSettings() {
        if (!settingsReceived) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "The client preface must start with a SETTINGS frame");
        }
    }

    private void streamError(Http2Exception e) {
        int id = e.streamId();
        Http2Stream s = streams.remove(id);
        FrameWriter.rstStream(out, id, e.error());
        remember(id, true);
        if (s != null) {
            s.state = Http2Stream.State.CLOSED;
            handler.closed(id, e.error());
        }
        handler.streamError(id, e.error(), e.getMessage());
        // Resets we send for a peer's errors count too, or errors become a way to reset rapidly.
        countReset();
        closeIfGoingAway();
    }

    private void connectionError(Http2Error error, String message) {
        if (closed) {
            return;
        }
        closed = true;
        goAwaySent = true;
        FrameWriter.goAway(out, lastClientStream, error, message);
        for (Http2Stream s : streams) {
            handler.closed(s.id, error);
        }
        streams.clear();
        writeQueue.clear();
        handler.connectionError(error, message);
    }

    private void rollFloodWindow() {
        long now = clock.getAsLong();
        if (now - floodWindowStart >= config.floodWindowNanos()) {
            floodWindowStart = now;
            resets = 0;
            controlFrames = 0;
        }
    }

    private void countReset() {
        rollFloodWindow();
        if (++resets > config.maxResetsPerWindow()) {
            throw Http2Exception.connection(Http2Error.ENHANCE_YOUR_CALM, "Too many stream resets");
        }
    }

    private void countControl() {
        rollFloodWindow();
        if (++controlFrames > config.maxControlFramesPerWindow()) {
            throw Http2Exception.connection(Http2Error.ENHANCE_YOUR_CALM, "Too many control frames");
        }
    }

    private void countEmpty() {
        if (++emptyFrames > config.maxEmptyFrames()) {
            throw Http2Exception.connection(Http2Error.ENHANCE_YOUR_CALM, "Too many empty frames");
        }
    }

    private void checkOutboundFlood() {
        if (out.size() > 2 * config.outboundHighWater()) {
            throw Http2Exception.connection(Http2Error.ENHANCE_YOUR_CALM, "Peer does not read the frames it asks for");
        }
    }

    private void remember(int id, boolean byUs) {
        closedIds[closedNext] = id;
        closedByUs[closedNext] = byUs;
        closedNext = (closedNext + 1) % REMEMBERED;
    }

    private int closedIndex(int id) {
        for (int i = 0; i < REMEMBERED; i++) {
            if (closedIds[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private boolean closedByUs(int id) {
        int i = closedIndex(id);
        return i >= 0 && closedByUs[i];
    }
}
