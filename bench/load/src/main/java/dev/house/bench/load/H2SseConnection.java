package dev.house.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The client side of one HTTP/2 connection carrying many SSE subscriptions (RFC 9113), for the
 * h2 scenarios of the load client: what to send first (the preface, our SETTINGS, a connection
 * window grant and one {@code GET} per stream, all at once), then the server's frames fed in as
 * they arrive, split anywhere. DATA goes straight into each stream's {@link SseStreamDecoder}
 * without buffering; only non-DATA frame payloads (small) are gathered whole. Response header
 * blocks are decoded with Netty's HPACK decoder (one per connection, as the dynamic table is);
 * requests are encoded by hand as literals without indexing, so every HEADERS frame is the same
 * bytes but its stream id.
 *
 * <p>Flow control: streams get the largest initial window (2^31-1) and the connection is granted
 * as much at once; both are topped up once half is used, so the server never waits on this
 * client's windows, as it never waits on an HTTP/1.1 client's TCP window when it keeps reading.
 * Server SETTINGS and PINGs are acknowledged. Single-threaded: the pool's thread.
 */
final class H2SseConnection {
    /** What each stream reports; {@code stream} is the index of the subscription, 0 to streams-1. */
    interface Listener {
        /** The response HEADERS arrived with {@code status} (-1 when it had none). */
        void onHead(int stream, int status);

        /** An SSE event with the publisher's send timestamp ended on {@code stream}. */
        void onEvent(int stream, long sentNanos);

        /** The stream ended: {@code why} is null when the server ended it cleanly, else what happened. */
        void onEnd(int stream, String why);
    }

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;
    static final int PADDED = 0x8;
    static final int PRIORITY = 0x20;
    static final int MAX_WINDOW = Integer.MAX_VALUE;
    private static final int FRAME_HEADER = 9;
    /** The largest frame a server may send us: we never raise SETTINGS_MAX_FRAME_SIZE from 16,384. */
    private static final int MAX_FRAME = 16_384;

    private final Listener listener;
    private final int streams;
    private final SseStreamDecoder[] decoders;
    /** Per stream: 0 open without a head yet, 1 head seen, 2 ended. */
    private final byte[] state;
    private final long[] consumed; // DATA bytes received per stream since its last window update
    private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private final byte[] header = new byte[FRAME_HEADER];
    private int headerLength;
    private int type;
    private int flags;
    private int streamId;
    private int remaining; // payload bytes of the current frame still to come
    private byte[] payload = new byte[256]; // a non-DATA frame's payload, gathered whole
    private int payloadLength;
    private int padding; // DATA: pad bytes at the end of the current frame
    private boolean padLengthNext; // DATA: the next byte is the pad length
    private ByteBuf headerBlock; // HEADERS + CONTINUATION fragments not yet ended
    private int headerBlockStream;
    private boolean headerBlockEndsStream;
    private long connectionConsumed;
    private boolean closed;

    H2SseConnection(int streams, Listener listener) {
        this.streams = streams;
        this.listener = listener;
        this.decoders = new SseStreamDecoder[streams];
        this.state = new byte[streams];
        this.consumed = new long[streams];
        for (int i = 0; i < streams; i++) {
            int index = i;
            decoders[i] = SseStreamDecoder.body(new SseStreamDecoder.Listener() {
                @Override
                public void onHead(int status) {
                    // the status came in HEADERS; a body decoder never reports a head
                }

                @Override
                public void onEvent(long sentNanos) {
                    listener.onEvent(index, sentNanos);
                }
            });
        }
    }

    /**
     * The connection's opening bytes: preface, SETTINGS (no push, largest stream window), the
     * connection window raised to its largest, and {@code streams} requests {@code GET path}.
     */
    static byte[] opening(int streams, String scheme, String authority, String path) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 + streams * (FRAME_HEADER + 64));
        b.writeBytes(PREFACE);
        frame(b, SETTINGS, 0, 0, new byte[] {0, 2, 0, 0, 0, 0, 0, 4, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        frame(b, WINDOW_UPDATE, 0, 0, int32(MAX_WINDOW - 65_535));
        byte[] block = requestBlock(scheme, authority, path);
        for (int i = 0; i < streams; i++) {
            frame(b, HEADERS, END_HEADERS | END_STREAM, 1 + 2 * i, block);
        }
        return b.toByteArray();
    }

    /** {@code GET} with {@code accept: text/event-stream}: indexed and literal-without-indexing fields. */
    static byte[] requestBlock(String scheme, String authority, String path) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x82); // :method GET (static index 2)
        b.write(scheme.equals("https") ? 0x87 : 0x86); // :scheme (static 7 / 6)
        literal(b, 4, path); // :path
        literal(b, 1, authority); // :authority
        literal(b, 19, "text/event-stream"); // accept
        return b.toByteArray();
    }

    /** RFC 7541 6.2.2: literal without indexing, name from the static table, raw (not Huffman) value. */
    private static void literal(ByteArrayOutputStream b, int nameIndex, String value) {
        integer(b, 0x00, 4, nameIndex);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        integer(b, 0x00, 7, v.length);
        b.writeBytes(v);
    }

    /** RFC 7541 5.1: an integer with an N-bit prefix, the first byte's other bits given. */
    private static void integer(ByteArrayOutputStream b, int high, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            b.write(high | value);
            return;
        }
        b.write(high | max);
        value -= max;
        while (value >= 128) {
            b.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        b.write(value);
    }

    static void frame(ByteArrayOutputStream b, int type, int flags, int stream, byte[] payload) {
        int n = payload.length;
        b.write(n >>> 16);
        b.write(n >>> 8);
        b.write(n);
        b.write(type);
        b.write(flags);
        b.writeBytes(int32(stream));
        b.writeBytes(payload);
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Whether the connection failed (a protocol error on our side, or GOAWAY): every stream has ended. */
    boolean isClosed() {
        return closed;
    }

    /**
     * Consumes every byte of {@code in}; returns the bytes to send back (SETTINGS and PING
     * acknowledgements, window updates), or null when there are none.
     */
    byte[] feed(ByteBuffer in) {
        byte[] a = in.array();
        int i = in.arrayOffset() + in.position();
        int end = in.arrayOffset() + in.limit();
        while (i < end && !closed) {
            if (headerLength < FRAME_HEADER) {
                int n = Math.min(FRAME_HEADER - headerLength, end - i);
                System.arraycopy(a, i, header, headerLength, n);
                headerLength += n;
                i += n;
                if (headerLength == FRAME_HEADER) {
                    startFrame();
                }
                continue;
            }
            i = type == DATA ? data(a, i, end) : gather(a, i, end);
        }
        in.position(in.limit());
        if (out.size() == 0) {
            return null;
        }
        byte[] reply = out.toByteArray();
        out.reset();
        return reply;
    }

    /** The connection ended (the socket closed): every stream still open ends with it. */
    void connectionClosed(String why) {
        for (int s = 0; s < streams; s++) {
            end(s, why);
        }
        closed = true;
        if (headerBlock != null) {
            headerBlock.release();
            headerBlock = null;
        }
    }

    private void startFrame() {
        remaining = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        type = header[3] & 0xff;
        flags = header[4] & 0xff;
        streamId = ((header[5] & 0x7f) << 24) | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 8 | header[8] & 0xff;
        if (remaining > MAX_FRAME) {
            fail("frame of " + remaining + " bytes past SETTINGS_MAX_FRAME_SIZE");
            return;
        }
        if (type == DATA) {
            padLengthNext = (flags & PADDED) != 0;
            padding = 0;
            countReceived(remaining);
        } else {
            if (payload.length < remaining) {
                payload = new byte[Math.max(remaining, payload.length * 2)];
            }
            payloadLength = 0;
        }
        if (remaining == 0) {
            endFrame();
        }
    }

    private int data(byte[] a, int i, int end) {
        if (padLengthNext) {
            padLengthNext = false;
            padding = a[i] & 0xff;
            remaining--;
            i++;
        } else {
            int content = remaining - padding;
            int n = Math.min(end - i, content > 0 ? content : remaining);
            if (content > 0) {
                int s = index(streamId);
                if (s >= 0 && state[s] == 1) {
                    decoders[s].feed(a, i, i + n);
                }
            }
            remaining -= n;
            i += n;
        }
        if (remaining == 0) {
            endFrame();
        }
        return i;
    }

    private int gather(byte[] a, int i, int end) {
        int n = Math.min(remaining, end - i);
        System.arraycopy(a, i, payload, payloadLength, n);
        payloadLength += n;
        remaining -= n;
        if (remaining == 0) {
            endFrame();
        }
        return i + n;
    }

    private void endFrame() {
        headerLength = 0;
        if (headerBlock != null && type != CONTINUATION) {
            fail("frame type " + type + " inside a header block");
            return;
        }
        switch (type) {
            case DATA -> {
                if ((flags & END_STREAM) != 0) {
                    end(index(streamId), null);
                }
            }
            case HEADERS -> headers();
            case CONTINUATION -> continuation();
            case RST_STREAM -> end(index(streamId), "reset by the server, error code " + int32(payload, 0));
            case SETTINGS -> {
                if ((flags & ACK) == 0) {
                    frame(out, SETTINGS, ACK, 0, new byte[0]);
                }
            }
            case PING -> {
                if ((flags & ACK) == 0 && payloadLength == 8) {
                    frame(out, PING, ACK, 0, java.util.Arrays.copyOf(payload, 8));
                }
            }
            case GOAWAY -> {
                int last = int32(payload, 0) & 0x7fffffff;
                int code = int32(payload, 4);
                for (int s = 0; s < streams; s++) {
                    if (1 + 2 * s > last || code != 0) {
                        end(s, "GOAWAY, error code " + code);
                    }
                }
            }
            default -> {
                // WINDOW_UPDATE (we send next to nothing), PRIORITY, PUSH_PROMISE (push is off), unknown types: ignored
            }
        }
    }

    private void headers() {
        int from = 0;
        int to = payloadLength;
        if ((flags & PADDED) != 0) {
            int pad = payload[0] & 0xff;
            from = 1;
            to -= pad;
        }
        if ((flags & PRIORITY) != 0) {
            from += 5;
        }
        if (from > to) {
            fail("HEADERS padding past the frame");
            return;
        }
        headerBlock = Unpooled.buffer(to - from).writeBytes(payload, from, to - from);
        headerBlockStream = streamId;
        headerBlockEndsStream = (flags & END_STREAM) != 0;
        if ((flags & END_HEADERS) != 0) {
            headerBlockDone();
        }
    }

    private void continuation() {
        if (headerBlock == null || streamId != headerBlockStream) {
            fail("CONTINUATION without its HEADERS");
            return;
        }
        headerBlock.writeBytes(payload, 0, payloadLength);
        if ((flags & END_HEADERS) != 0) {
            headerBlockDone();
        }
    }

    private void headerBlockDone() {
        Http2Headers decoded;
        try {
            // every block goes through the decoder, even trailers, to keep its dynamic table in step
            decoded = hpack.decodeHeaders(headerBlockStream, headerBlock);
        } catch (Http2Exception e) {
            fail("HPACK: " + e.getMessage());
            return;
        } finally {
            headerBlock.release();
            headerBlock = null;
        }
        int s = index(headerBlockStream);
        if (s >= 0 && state[s] == 0) {
            CharSequence status = decoded.status();
            int code = -1;
            try {
                code = status == null ? -1 : Integer.parseInt(status.toString());
            } catch (NumberFormatException e) {
                code = -1;
            }
            state[s] = 1;
            listener.onHead(s, code);
            if (code != 200) {
                end(s, null);
                return;
            }
        }
        if (headerBlockEndsStream) {
            end(s, null);
        }
    }

    private void countReceived(int bytes) {
        int s = index(streamId);
        connectionConsumed += bytes;
        if (connectionConsumed >= MAX_WINDOW / 2) {
            frame(out, WINDOW_UPDATE, 0, 0, int32((int) connectionConsumed));
            connectionConsumed = 0;
        }
        if (s >= 0 && state[s] != 2) {
            consumed[s] += bytes;
            if (consumed[s] >= MAX_WINDOW / 2) {
                frame(out, WINDOW_UPDATE, 0, streamId, int32((int) consumed[s]));
                consumed[s] = 0;
            }
        }
    }

    private void end(int s, String why) {
        if (s < 0 || state[s] == 2) {
            return;
        }
        state[s] = 2;
        listener.onEnd(s, why);
    }

    /** A connection error on the client's side: the connection is useless from here. */
    private void fail(String why) {
        connectionClosed("protocol error: " + why);
    }

    /** The subscription of a client stream id, or -1 for stream 0, server (even) ids and ids past ours. */
    private int index(int id) {
        if (id <= 0 || (id & 1) == 0) {
            return -1;
        }
        int s = (id - 1) / 2;
        return s < streams ? s : -1;
    }

    private static int int32(byte[] a, int at) {
        return (a[at] & 0xff) << 24 | (a[at + 1] & 0xff) << 16 | (a[at + 2] & 0xff) << 8 | a[at + 3] & 0xff;
    }
}
