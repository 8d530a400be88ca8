package dev.house.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes one SSE response as its bytes arrive, split anywhere: the status line and headers, then
 * the body (HTTP/1.1 chunked or close-delimited, or an HTTP/2 stream's DATA: {@link #body}), then
 * the SSE events in it. For each event
 * carrying a send timestamp in its JSON ({@code "message":"<nanoTime>..."}) the listener gets
 * that timestamp. The SSE part keeps no buffer at all, only a few counters, so ten thousand
 * decoders cost little more than their sockets; the head buffer is dropped once parsed.
 */
final class SseStreamDecoder {
    /** What the decoder reports. */
    interface Listener {
        /** The response head is complete; {@code status} is its status code. */
        void onHead(int status);

        /** An event with {@code sentNanos} (the publisher's {@link System#nanoTime()}) ended. */
        void onEvent(long sentNanos);
    }

    private static final byte[] STAMP = "\"message\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEAD = 8 * 1024;

    private enum Phase { HEAD, CHUNK_SIZE, CHUNK_EXTENSION, CHUNK_DATA, CHUNK_END, PLAIN_BODY, DONE }

    private final Listener listener;
    private Phase phase = Phase.HEAD;
    private byte[] head = new byte[512];
    private int headLength;
    private long chunkRemaining;
    private boolean sawChunkDigit;

    // SSE line state
    private int lineLength;
    private int matched;
    private boolean inStamp;
    private boolean hasStamp;
    private long stamp;

    SseStreamDecoder(Listener listener) {
        this.listener = listener;
    }

    /**
     * A decoder of the body alone, for an HTTP/2 stream: the status came in a HEADERS frame and
     * DATA frames carry the SSE bytes unframed, so it starts past the head and keeps no head buffer.
     */
    static SseStreamDecoder body(Listener listener) {
        SseStreamDecoder decoder = new SseStreamDecoder(listener);
        decoder.phase = Phase.PLAIN_BODY;
        decoder.head = null;
        return decoder;
    }

    /** Whether the server ended the body (last chunk) or sent a head that is not a stream. */
    boolean isDone() {
        return phase == Phase.DONE;
    }

    /** Consumes every byte remaining in {@code in}. */
    void feed(ByteBuffer in) {
        feed(in.array(), in.arrayOffset() + in.position(), in.arrayOffset() + in.limit());
        in.position(in.limit());
    }

    /** Consumes {@code a[from, end)}: for HTTP/2, a DATA frame's bytes in the connection's read buffer. */
    void feed(byte[] a, int from, int end) {
        int i = from;
        while (i < end) {
            switch (phase) {
                case HEAD -> i = head(a, i, end);
                case CHUNK_SIZE -> i = chunkSize(a, i, end);
                case CHUNK_EXTENSION, CHUNK_END -> i = skipLine(a, i, end);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkRemaining, end - i);
                    sse(a, i, i + n);
                    i += n;
                    chunkRemaining -= n;
                    if (chunkRemaining == 0) {
                        phase = Phase.CHUNK_END;
                    }
                }
                case PLAIN_BODY -> {
                    sse(a, i, end);
                    i = end;
                }
                case DONE -> i = end;
            }
        }
    }

    private int head(byte[] a, int i, int end) {
        while (i < end) {
            if (headLength == head.length) {
                if (headLength >= MAX_HEAD) {
                    phase = Phase.DONE;
                    listener.onHead(-1);
                    return end;
                }
                head = java.util.Arrays.copyOf(head, headLength * 2);
            }
            byte b = a[i++];
            head[headLength++] = b;
            if (b == '\n' && headLength >= 4 && head[headLength - 2] == '\r'
                    && head[headLength - 3] == '\n' && head[headLength - 4] == '\r') {
                finishHead();
                return i;
            }
        }
        return i;
    }

    private void finishHead() {
        // Once per connection, so plain String work is fine here.
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        head = null;
        int status = -1;
        if (text.startsWith("HTTP/1.") && text.length() >= 12) {
            try {
                status = Integer.parseInt(text.substring(9, 12));
            } catch (NumberFormatException e) {
                status = -1;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int te = lower.indexOf("\ntransfer-encoding:");
        boolean chunked = te >= 0 && lower.substring(te, lower.indexOf('\n', te + 1)).contains("chunked");
        phase = status != 200 ? Phase.DONE : chunked ? Phase.CHUNK_SIZE : Phase.PLAIN_BODY;
        listener.onHead(status);
    }

    private int chunkSize(byte[] a, int i, int end) {
        while (i < end) {
            byte b = a[i++];
            int digit = Character.digit(b, 16);
            if (digit >= 0) {
                chunkRemaining = chunkRemaining * 16 + digit;
                sawChunkDigit = true;
            } else if (b == '\n') {
                endChunkSizeLine();
                return i;
            } else {
                phase = Phase.CHUNK_EXTENSION;
                return i;
            }
        }
        return i;
    }

    private void endChunkSizeLine() {
        if (!sawChunkDigit) {
            phase = Phase.CHUNK_SIZE; // the CRLF after a chunk's data: nothing to do
            return;
        }
        sawChunkDigit = false;
        phase = chunkRemaining == 0 ? Phase.DONE : Phase.CHUNK_DATA;
    }

    /** Skips to the end of a chunk extension or of the CRLF after a chunk's data. */
    private int skipLine(byte[] a, int i, int end) {
        while (i < end) {
            if (a[i++] == '\n') {
                if (phase == Phase.CHUNK_EXTENSION) {
                    endChunkSizeLine();
                } else {
                    phase = Phase.CHUNK_SIZE;
                }
                return i;
            }
        }
        return i;
    }

    /** The SSE part: an empty line ends an event; a timestamp is found by matching {@link #STAMP}. */
    private void sse(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = a[i];
            if (b == '\n') {
                if (lineLength == 0 && hasStamp) {
                    hasStamp = false;
                    listener.onEvent(stamp);
                }
                lineLength = 0;
                matched = 0;
                if (inStamp) {
                    inStamp = false;
                    hasStamp = true;
                }
                continue;
            }
            if (b == '\r') {
                continue;
            }
            lineLength++;
            if (inStamp) {
                if (b >= '0' && b <= '9') {
                    stamp = stamp * 10 + (b - '0');
                    continue;
                }
                inStamp = false;
                hasStamp = true;
            }
            if (b == STAMP[matched]) {
                if (++matched == STAMP.length) {
                    matched = 0;
                    inStamp = true;
                    stamp = 0;
                }
            } else {
                matched = b == STAMP[0] ? 1 : 0;
            }
        }
    }
}
