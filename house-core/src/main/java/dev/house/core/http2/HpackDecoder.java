package dev.house.core.http2;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes HPACK header blocks (RFC 7541 §6) into fields, keeping the dynamic table in step with
 * the peer's encoder. A block is decoded whole, once the connection has assembled it from HEADERS
 * and CONTINUATION frames (so a field split across frames needs no state here); the connection
 * bounds a block's encoded size.
 *
 * <p>The decoded header list is counted as RFC 9113 §6.5.2 counts it (octets plus 32 per field):
 * once it passes {@code maxHeaderListSize} the decoder stops handing out fields but still
 * processes the rest of the block, since the dynamic table must stay in sync for later blocks.
 * That makes an HPACK bomb (a few bytes referencing a large table entry many times) cost at most
 * the block's bytes in work and nothing in memory.
 */
final class HpackDecoder {
    /** Where decoded fields go, in order. */
    interface FieldSink {
        void field(String name, String value);
    }

    private final DynamicTable table;
    /** Our SETTINGS_HEADER_TABLE_SIZE: the largest table size the peer's encoder may ask for. */
    private final int maxTableSize;
    private final int maxHeaderListSize;
    private byte[] scratch = new byte[64];

    HpackDecoder(int maxTableSize, int maxHeaderListSize) {
        this.table = new DynamicTable(maxTableSize);
        this.maxTableSize = maxTableSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    DynamicTable table() {
        return table;
    }

    /**
     * Decodes one complete header block.
     *
     * @return whether the header list stayed within {@code maxHeaderListSize}; if not, the fields
     *     past the limit were not given to the sink
     * @throws Http2Exception a connection COMPRESSION_ERROR for any block that is not valid HPACK
     */
    boolean decode(ByteBuffer block, FieldSink sink) {
        long listSize = 0;
        boolean fieldSeen = false;
        while (block.hasRemaining()) {
            int b = block.get() & 0xff;
            String name;
            String value;
            if ((b & 0x80) != 0) {
                // §6.1 indexed field
                HeaderField indexed = field(Hpack.readInt(b, 7, block));
                name = indexed.name();
                value = indexed.value();
            } else if ((b & 0xe0) == 0x20) {
                // §6.3 dynamic table size update: only at the start of a block (RFC 7541 §4.2)
                if (fieldSeen) {
                    throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK table size update after a field");
                }
                int size = Hpack.readInt(b, 5, block);
                if (size > maxTableSize) {
                    throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR,
                            "HPACK table size update to " + size + " exceeds SETTINGS_HEADER_TABLE_SIZE " + maxTableSize);
                }
                table.setMaxSize(size);
                continue;
            } else {
                // §6.2: with incremental indexing (01), without (0000), never indexed (0001)
                boolean incremental = (b & 0x40) != 0;
                int index = Hpack.readInt(b, incremental ? 6 : 4, block);
                name = index == 0 ? readString(block) : field(index).name();
                value = readString(block);
                if (incremental) {
                    table.add(new HeaderField(name, value));
                }
            }
            fieldSeen = true;
            listSize += name.length() + value.length() + HeaderField.OVERHEAD;
            if (listSize <= maxHeaderListSize) {
                sink.field(name, value);
            }
        }
        return listSize <= maxHeaderListSize;
    }

    private HeaderField field(int index) {
        if (index >= 1 && index <= StaticTable.LENGTH) {
            return StaticTable.ENTRIES[index];
        }
        int dynamic = index - StaticTable.LENGTH;
        if (index == 0 || dynamic > table.length()) {
            throw Http2Exception.connection(Http2Error.COMPRESSION_ERROR, "HPACK index " + index + " is not in the table");
        }
        return table.get(dynamic);
    }

    /** §5.2: a string literal, Huffman-coded or raw octets. */
    private String readString(ByteBuffer in) {
        if (!in.hasRemaining()) {
            throw Hpack.truncated();
        }
        int b = in.get() & 0xff;
        boolean huffman = (b & 0x80) != 0;
        int length = Hpack.readInt(b, 7, in);
        if (length > in.remaining()) {
            throw Hpack.truncated();
        }
        if (huffman) {
            int max = (int) ((length * 8L) / 5) + 1;
            if (scratch.length < max) {
                scratch = new byte[Math.max(max, scratch.length * 2)];
            }
            int n = Huffman.decode(in, length, scratch);
            return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.ISO_8859_1);
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            in.get(in.position(), scratch, 0, length);
            s = new String(scratch, 0, length, StandardCharsets.ISO_8859_1);
        }
        in.position(in.position() + length);
        return s;
    }
}
