package dev.house.core.http2;

import java.nio.ByteBuffer;

/**
 * The static Huffman code of RFC 7541 Appendix B, both ways. The code is canonical (codes of one
 * length are consecutive and follow symbol order), so the table is kept as the RFC's code lengths
 * and the codes are rebuilt from them; decoding compares the next bits with the first code of each
 * length instead of walking a tree, and allocates nothing.
 */
final class Huffman {
    static final int EOS = 256;

    /** RFC 7541 Appendix B: the code length in bits of symbols 0..255 and EOS. */
    private static final byte[] LENGTHS = {
        13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28,
        28, 28, 28, 28, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6,
        5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 7, 8, 15, 6, 12, 10,
        13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
        7, 7, 7, 7, 7, 7, 7, 7, 8, 7, 8, 13, 19, 13, 14, 6,
        15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5,
        6, 7, 6, 5, 5, 6, 7, 7, 7, 7, 7, 15, 11, 14, 13, 28,
        20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23,
        24, 24, 22, 23, 24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24,
        22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22, 23, 23,
        21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23,
        26, 26, 20, 19, 22, 23, 22, 25, 26, 26, 26, 27, 27, 26, 24, 25,
        19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27,
        20, 24, 20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23,
        26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27, 27, 27, 27, 26,
        30,
    };
    private static final int MIN_LENGTH = 5;
    private static final int MAX_LENGTH = 30;

    /** The code of each symbol, right-aligned in its length. */
    private static final int[] CODES = new int[257];
    /** Per length: the first code, how many codes, and where their symbols start in SORTED. */
    private static final int[] FIRST_CODE = new int[MAX_LENGTH + 1];
    private static final int[] COUNT = new int[MAX_LENGTH + 1];
    private static final int[] OFFSET = new int[MAX_LENGTH + 1];
    /** Symbols ordered by (code length, symbol): canonical order. */
    private static final int[] SORTED = new int[257];

    static {
        for (byte length : LENGTHS) {
            COUNT[length]++;
        }
        int code = 0;
        int offset = 0;
        for (int length = 1; length <= MAX_LENGTH; length++) {
            FIRST_CODE[length] = code;
            OFFSET[length] = offset;
            code = (code + COUNT[length]) << 1;
            offset += COUNT[length];
        }
        int[] next = FIRST_CODE.clone();
        int[] slot = OFFSET.clone();
        for (int length = 1; length <= MAX_LENGTH; length++) {
            for (int symbol = 0; symbol < LENGTHS.length; symbol++) {
                if (LENGTHS[symbol] == length) {
                    CODES[symbol] = next[length]++;
                    SORTED[slot[length]++] = symbol;
                }
            }
        }
    }

    private Huffman() {
    }

    /** The code of a symbol (0..256), right-aligned; for tests against the RFC's table. */
    static int code(int symbol) {
        return CODES[symbol];
    }

    static int length(int symbol) {
        return LENGTHS[symbol];
    }

    /** How many bytes {@code s} (octets as chars 0..255) takes Huffman-coded. */
    static int encodedLength(CharSequence s) {
        long bits = 0;
        for (int i = 0; i < s.length(); i++) {
            bits += LENGTHS[octet(s.charAt(i))];
        }
        return (int) ((bits + 7) >>> 3);
    }

    /** Writes {@code s} Huffman-coded, padded with the most significant bits of EOS (all ones). */
    static void encode(CharSequence s, ByteSink out) {
        long acc = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            int symbol = octet(s.charAt(i));
            int length = LENGTHS[symbol];
            acc = (acc << length) | CODES[symbol];
            bits += length;
            while (bits >= 8) {
                bits -= 8;
                out.put((byte) (acc >>> bits));
            }
            acc &= (1L << bits) - 1;
        }
        if (bits > 0) {
            out.put((byte) ((acc << (8 - bits)) | (0xff >>> bits)));
        }
    }

    /**
     * Decodes {@code length} Huffman-coded bytes from {@code in} into {@code out} (octets), returning
     * how many octets were written; {@code out} must hold {@code length * 8 / 5} of them.
     *
     * @throws Http2Exception COMPRESSION_ERROR for EOS inside the string and for padding that is
     *     longer than 7 bits or not the most significant bits of EOS (RFC 7541 §5.2)
     */
    static int decode(ByteBuffer in, int length, byte[] out) {
        long acc = 0;
        int bits = 0;
        int written = 0;
        int remaining = length;
        while (true) {
            while (remaining > 0 && bits < MAX_LENGTH) {
                acc = (acc << 8) | (in.get() & 0xff);
                bits += 8;
                remaining--;
            }
            int symbol = -1;
            int len = MIN_LENGTH;
            for (; len <= Math.min(bits, MAX_LENGTH); len++) {
                int code = (int) ((acc >>> (bits - len)) & ((1L << len) - 1));
                int index = code - FIRST_CODE[len];
                if (index >= 0 && index < COUNT[len]) {
                    symbol = SORTED[OFFSET[len] + index];
                    break;
                }
            }
            if (symbol < 0) {
                break;
            }
            if (symbol == EOS) {
                throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK Huffman string contains EOS");
            }
            out[written++] = (byte) symbol;
            bits -= len;
            acc &= (1L << bits) - 1;
        }
        if (remaining > 0 || bits > 7) {
            throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK Huffman padding longer than 7 bits");
        }
        if (acc != (1L << bits) - 1) {
            throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK Huffman padding is not all ones");
        }
        return written;
    }

    private static int octet(char c) {
        return c <= 0xff ? c : '?';
    }
}
