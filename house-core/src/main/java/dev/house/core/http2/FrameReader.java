package dev.house.core.http2;

import java.nio.ByteBuffer;

/**
 * Reads HTTP/2 frames (RFC 9113 §4, §6) from a byte stream fed in pieces of any size, as a server
 * sees them. Two explicit states: HEADER (collecting the 9-octet frame header) and PAYLOAD
 * (collecting {@code length} octets). A payload that arrives whole is handed out as a slice of the
 * input; only one split across reads is copied, into a buffer no larger than SETTINGS_MAX_FRAME_SIZE.
 *
 * <p>The reader enforces everything that needs no stream state: the frame size limit, each frame
 * type's length, stream-0 rules, padding, flags, settings values, zero window increments,
 * PRIORITY self-dependency, PUSH_PROMISE from a client, and that a header block's CONTINUATION
 * frames follow it uninterrupted. Unknown frame types (§4.1) and unknown settings (§6.5.2) are
 * ignored. Errors are thrown as {@link Http2Exception}s with the RFC's code and scope, always
 * after the frame's bytes were consumed, so after a stream error reading can go on.
 */
final class FrameReader {
    static final int HEADER_LENGTH = 9;

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int PRIORITY = 0x2;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PUSH_PROMISE = 0x5;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;

    static final int FLAG_END_STREAM = 0x1;
    static final int FLAG_ACK = 0x1;
    static final int FLAG_END_HEADERS = 0x4;
    static final int FLAG_PADDED = 0x8;
    static final int FLAG_PRIORITY = 0x20;

    /** What the reader found, frame by frame. Buffers are valid only during the call. */
    interface Listener {
        /** @param flowLength the whole payload, padding included, as flow control counts it */
        void data(int streamId, ByteBuffer data, int flowLength, boolean endStream);

        /** @param dependency the PRIORITY fields' stream dependency, or -1 if absent */
        void headers(int streamId, ByteBuffer fragment, boolean endStream, boolean endHeaders, int dependency);

        void priority(int streamId, int dependency, boolean exclusive, int weight);

        void rstStream(int streamId, long errorCode);

        void settings(boolean ack, Http2Settings settings);

        void ping(boolean ack, long data);

        void goAway(int lastStreamId, long errorCode, ByteBuffer debugData);

        void windowUpdate(int streamId, int increment);

        void continuation(int streamId, ByteBuffer fragment, boolean endHeaders);

        /** An unknown frame type, ignored per §4.1 (told so floods of them can be counted). */
        default void unknown(int type, int streamId, int length) {
        }
    }

    private enum State { HEADER, PAYLOAD }

    private State state = State.HEADER;
    private final byte[] header = new byte[HEADER_LENGTH];
    private int headerFill;
    private int maxFrameSize;
    private int length;
    private int type;
    private int flags;
    private int streamId;
    private byte[] payload;
    private int payloadFill;
    /** Stream whose header block is open (HEADERS without END_HEADERS), or 0. */
    private int continuationStream;

    /** @param maxFrameSize our SETTINGS_MAX_FRAME_SIZE (what we advertised) */
    FrameReader(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    void maxFrameSize(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    /** Whether the reader is between frames (no partial frame held). */
    boolean atFrameBoundary() {
        return state == State.HEADER && headerFill == 0;
    }

    /** Type of the frame being read, or last read. */
    int frameType() {
        return type;
    }

    /** Whether a header block is open and CONTINUATION frames are expected. */
    boolean inHeaderBlock() {
        return continuationStream != 0;
    }

    /** Consumes all of {@code in}, calling the listener for each complete frame. */
    void read(ByteBuffer in, Listener listener) {
        while (in.hasRemaining()) {
            if (state == State.HEADER) {
                int n = Math.min(HEADER_LENGTH - headerFill, in.remaining());
                in.get(header, headerFill, n);
                headerFill += n;
                if (headerFill < HEADER_LENGTH) {
                    return;
                }
                headerFill = 0;
                startFrame();
                if (length == 0) {
                    state = State.HEADER;
                    dispatch(ByteBuffer.allocate(0), listener);
                    continue;
                }
                state = State.PAYLOAD;
                payloadFill = 0;
            }
            if (payloadFill == 0 && in.remaining() >= length) {
                ByteBuffer slice = in.slice(in.position(), length);
                in.position(in.position() + length);
                state = State.HEADER;
                dispatch(slice, listener);
                continue;
            }
            if (payload == null || payload.length < length) {
                payload = new byte[Math.max(length, payload == null ? 0 : Math.min(payload.length * 2, maxFrameSize))];
            }
            int n = Math.min(length - payloadFill, in.remaining());
            in.get(payload, payloadFill, n);
            payloadFill += n;
            if (payloadFill == length) {
                state = State.HEADER;
                dispatch(ByteBuffer.wrap(payload, 0, length), listener);
            }
        }
    }

    private void startFrame() {
        length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        type = header[3] & 0xff;
        flags = header[4] & 0xff;
        // §4.1: the reserved bit is ignored on receipt.
        streamId = ((header[5] & 0x7f) << 24) | ((header[6] & 0xff) << 16) | ((header[7] & 0xff) << 8) | (header[8] & 0xff);
        if (length > maxFrameSize) {
            throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR,
                    "Frame of " + length + " octets exceeds SETTINGS_MAX_FRAME_SIZE " + maxFrameSize);
        }
        // §6.10: a header block is a contiguous sequence; any other frame interrupts it.
        if (continuationStream != 0 && (type != CONTINUATION || streamId != continuationStream)) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR,
                    "Header block of stream " + continuationStream + " interrupted by a frame of type " + type);
        }
        if (continuationStream == 0 && type == CONTINUATION) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "CONTINUATION without an open header block");
        }
    }

    private void dispatch(ByteBuffer p, Listener listener) {
        switch (type) {
            case DATA -> {
                requireStream("DATA");
                ByteBuffer data = unpad(p, "DATA");
                listener.data(streamId, data, length, (flags & FLAG_END_STREAM) != 0);
            }
            case HEADERS -> {
                requireStream("HEADERS");
                ByteBuffer fragment = unpad(p, "HEADERS");
                int dependency = -1;
                if ((flags & FLAG_PRIORITY) != 0) {
                    if (fragment.remaining() < 5) {
                        throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR, "HEADERS too short for its priority fields");
                    }
                    dependency = fragment.getInt() & 0x7fffffff;
                    fragment.get();
                }
                boolean endHeaders = (flags & FLAG_END_HEADERS) != 0;
                continuationStream = endHeaders ? 0 : streamId;
                listener.headers(streamId, fragment, (flags & FLAG_END_STREAM) != 0, endHeaders, dependency);
            }
            case PRIORITY -> {
                requireStream("PRIORITY");
                if (length != 5) {
                    throw Http2Exception.stream(streamId, Http2Error.FRAME_SIZE_ERROR, "PRIORITY frame of " + length + " octets, not 5");
                }
                int word = p.getInt();
                int dependency = word & 0x7fffffff;
                if (dependency == streamId) {
                    throw Http2Exception.stream(streamId, Http2Error.PROTOCOL_ERROR, "Stream " + streamId + " depends on itself");
                }
                listener.priority(streamId, dependency, word < 0, (p.get() & 0xff) + 1);
            }
            case RST_STREAM -> {
                requireStream("RST_STREAM");
                requireLength(4, "RST_STREAM");
                listener.rstStream(streamId, p.getInt() & 0xffffffffL);
            }
            case SETTINGS -> {
                requireConnection("SETTINGS");
                listener.settings((flags & FLAG_ACK) != 0, settings(p));
            }
            case PUSH_PROMISE -> throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "PUSH_PROMISE sent by a client");
            case PING -> {
                requireConnection("PING");
                requireLength(8, "PING");
                listener.ping((flags & FLAG_ACK) != 0, p.getLong());
            }
            case GOAWAY -> {
                requireConnection("GOAWAY");
                if (length < 8) {
                    throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR, "GOAWAY frame of " + length + " octets, fewer than 8");
                }
                int last = p.getInt() & 0x7fffffff;
                long code = p.getInt() & 0xffffffffL;
                listener.goAway(last, code, p.slice());
            }
            case WINDOW_UPDATE -> {
                requireLength(4, "WINDOW_UPDATE");
                int increment = p.getInt() & 0x7fffffff;
                if (increment == 0) {
                    String message = "WINDOW_UPDATE with an increment of 0";
                    throw streamId == 0
                            ? Http2Exception.connection(Http2Error.PROTOCOL_ERROR, message)
                            : Http2Exception.stream(streamId, Http2Error.PROTOCOL_ERROR, message);
                }
                listener.windowUpdate(streamId, increment);
            }
            case CONTINUATION -> {
                boolean endHeaders = (flags & FLAG_END_HEADERS) != 0;
                if (endHeaders) {
                    continuationStream = 0;
                }
                listener.continuation(streamId, p, endHeaders);
            }
            default -> listener.unknown(type, streamId, length);
        }
    }

    private Http2Settings settings(ByteBuffer p) {
        Http2Settings settings = new Http2Settings();
        if ((flags & FLAG_ACK) != 0) {
            if (length != 0) {
                throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR, "SETTINGS ACK with a payload");
            }
            return settings;
        }
        if (length % 6 != 0) {
            throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR, "SETTINGS frame of " + length + " octets, not a multiple of 6");
        }
        while (p.hasRemaining()) {
            int id = p.getShort() & 0xffff;
            long value = p.getInt() & 0xffffffffL;
            switch (id) {
                case Http2Settings.ENABLE_PUSH -> {
                    if (value > 1) {
                        throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, "SETTINGS_ENABLE_PUSH of " + value + ", not 0 or 1");
                    }
                }
                case Http2Settings.INITIAL_WINDOW_SIZE -> {
                    if (value > Http2Settings.MAX_WINDOW_SIZE) {
                        throw Http2Exception.connection(Http2Error.FLOW_CONTROL_ERROR,
                                "SETTINGS_INITIAL_WINDOW_SIZE of " + value + " exceeds 2^31-1");
                    }
                }
                case Http2Settings.MAX_FRAME_SIZE -> {
                    if (value < Http2Settings.MIN_MAX_FRAME_SIZE || value > Http2Settings.MAX_MAX_FRAME_SIZE) {
                        throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR,
                                "SETTINGS_MAX_FRAME_SIZE of " + value + " is outside 16384..16777215");
                    }
                }
                default -> {
                }
            }
            if (Http2Settings.known(id)) {
                settings.set(id, value);
            }
        }
        return settings;
    }

    /** §6.1, §6.2: strips the Pad Length octet and the padding, which must be shorter than the payload. */
    private ByteBuffer unpad(ByteBuffer p, String frame) {
        if ((flags & FLAG_PADDED) == 0) {
            return p;
        }
        if (length == 0) {
            throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR, frame + " frame is PADDED but empty");
        }
        int padding = p.get() & 0xff;
        if (padding >= length) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR,
                    frame + " padding of " + padding + " octets in a payload of " + length);
        }
        p.limit(p.limit() - padding);
        return p;
    }

    private void requireStream(String frame) {
        if (streamId == 0) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, frame + " frame on stream 0");
        }
    }

    private void requireConnection(String frame) {
        if (streamId != 0) {
            throw Http2Exception.connection(Http2Error.PROTOCOL_ERROR, frame + " frame on stream " + streamId + ", not 0");
        }
    }

    private void requireLength(int expected, String frame) {
        if (length != expected) {
            throw Http2Exception.connection(Http2Error.FRAME_SIZE_ERROR,
                    frame + " frame of " + length + " octets, not " + expected);
        }
    }
}
