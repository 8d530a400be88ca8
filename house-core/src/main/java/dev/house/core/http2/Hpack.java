package dev.house.core.http2;

import java.nio.ByteBuffer;

/** HPACK's integer representation (RFC 7541 §5.1), shared by the decoder and the encoder. */
final class Hpack {
    private Hpack() {
    }

    /**
     * Reads an integer whose first byte {@code first} (already taken from {@code in}) carries an
     * N-bit prefix.
     *
     * @throws Http2Exception COMPRESSION_ERROR if the integer is cut off or exceeds 2^31-1
     */
    static int readInt(int first, int prefixBits, ByteBuffer in) {
        int max = (1 << prefixBits) - 1;
        int value = first & max;
        if (value < max) {
            return value;
        }
        long result = value;
        int shift = 0;
        while (true) {
            if (shift > 28) {
                // 2^31-1 needs at most five continuation bytes; more is overflow or padding.
                throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK integer overflow");
            }
            if (!in.hasRemaining()) {
                throw truncated();
            }
            int b = in.get() & 0xff;
            result += (long) (b & 0x7f) << shift;
            if (result > Integer.MAX_VALUE) {
                throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK integer overflow");
            }
            if ((b & 0x80) == 0) {
                return (int) result;
            }
            shift += 7;
        }
    }

    /** Writes {@code value} with an N-bit prefix, the first byte's other bits being {@code flags}. */
    static void writeInt(ByteSink out, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            out.put(flags | value);
            return;
        }
        out.put(flags | max);
        int rest = value - max;
        while (rest >= 0x80) {
            out.put((rest & 0x7f) | 0x80);
            rest >>>= 7;
        }
        out.put(rest);
    }

    static Http2Exception truncated() {
        return Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK header block is truncated");
    }
}
