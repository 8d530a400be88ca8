package dev.house.core.http2;

import java.nio.ByteBuffer;

/** Writes HTTP/2 frames (RFC 9113 §6) into a {@link ByteSink}. Stateless; callers respect the peer's limits. */
final class FrameWriter {
    private FrameWriter() {
    }

    static void header(ByteSink out, int length, int type, int flags, int streamId) {
        out.putMedium(length);
        out.put(type);
        out.put(flags);
        out.putInt(streamId & 0x7fffffff);
    }

    static void data(ByteSink out, int streamId, ByteBuffer data, boolean endStream) {
        header(out, data.remaining(), FrameReader.DATA, endStream ? FrameReader.FLAG_END_STREAM : 0, streamId);
        out.put(data);
    }

    /**
     * Writes a header block as one HEADERS frame and as many CONTINUATION frames as
     * {@code maxFrameSize} (the peer's SETTINGS_MAX_FRAME_SIZE) requires, back to back as §6.10 demands.
     */
    static void headers(ByteSink out, int streamId, byte[] block, int length, boolean endStream, int maxFrameSize) {
        int first = Math.min(length, maxFrameSize);
        int flags = (endStream ? FrameReader.FLAG_END_STREAM : 0) | (first == length ? FrameReader.FLAG_END_HEADERS : 0);
        header(out, first, FrameReader.HEADERS, flags, streamId);
        out.put(block, 0, first);
        int at = first;
        while (at < length) {
            int n = Math.min(length - at, maxFrameSize);
            header(out, n, FrameReader.CONTINUATION, at + n == length ? FrameReader.FLAG_END_HEADERS : 0, streamId);
            out.put(block, at, n);
            at += n;
        }
    }

    static void rstStream(ByteSink out, int streamId, Http2Error error) {
        header(out, 4, FrameReader.RST_STREAM, 0, streamId);
        out.putInt(error.code());
    }

    /** A SETTINGS frame with every value present in {@code settings}. */
    static void settings(ByteSink out, Http2Settings settings) {
        header(out, 6 * settings.count(), FrameReader.SETTINGS, 0, 0);
        for (int id = Http2Settings.HEADER_TABLE_SIZE; id <= Http2Settings.MAX_HEADER_LIST_SIZE; id++) {
            if (settings.has(id)) {
                out.putShort(id);
                out.putInt((int) settings.get(id));
            }
        }
    }

    static void settingsAck(ByteSink out) {
        header(out, 0, FrameReader.SETTINGS, FrameReader.FLAG_ACK, 0);
    }

    static void ping(ByteSink out, boolean ack, long data) {
        header(out, 8, FrameReader.PING, ack ? FrameReader.FLAG_ACK : 0, 0);
        out.putLong(data);
    }

    /** GOAWAY with a short ASCII debug text naming the problem (never a stack trace). */
    static void goAway(ByteSink out, int lastStreamId, Http2Error error, String debug) {
        int n = Math.min(debug.length(), 256);
        header(out, 8 + n, FrameReader.GOAWAY, 0, 0);
        out.putInt(lastStreamId);
        out.putInt(error.code());
        for (int i = 0; i < n; i++) {
            char c = debug.charAt(i);
            out.put(c >= 0x20 && c < 0x7f ? c : '?');
        }
    }

    static void windowUpdate(ByteSink out, int streamId, int increment) {
        header(out, 4, FrameReader.WINDOW_UPDATE, 0, streamId);
        out.putInt(increment);
    }

    /** Any frame, raw: for frames the server never sends but tests must (PRIORITY, CONTINUATION, bad ones). */
    static void frame(ByteSink out, int type, int flags, int streamId, byte[] payload) {
        header(out, payload.length, type, flags, streamId);
        out.put(payload, 0, payload.length);
    }
}
