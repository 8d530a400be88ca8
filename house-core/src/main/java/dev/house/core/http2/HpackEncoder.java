package dev.house.core.http2;

/**
 * Encodes header fields as HPACK (RFC 7541 §6) for one connection's outbound header blocks.
 *
 * <p>Choices, in order: an exact match in the static or dynamic table is sent as an index; a field
 * the {@link Sensitivity} policy marks is sent as a never-indexed literal (§6.2.3, so neither we
 * nor any intermediary keeps it in a table where a compression oracle could probe it); any other
 * field is added to the dynamic table when it fits, with a static name index when there is one.
 * Strings are Huffman-coded when that is no longer than the raw octets (and Huffman is on), as
 * RFC 7541's examples do.
 */
final class HpackEncoder {
    /** Decides which fields must never enter a compression table. */
    @FunctionalInterface
    interface Sensitivity {
        boolean neverIndex(String name, String value);
    }

    /**
     * Credentials and session cookies: {@code authorization}, {@code proxy-authorization},
     * {@code set-cookie} and {@code cookie} (RFC 7541 §7.1.3).
     */
    static final Sensitivity CREDENTIALS = (name, value) -> switch (name) {
        case "authorization", "proxy-authorization", "set-cookie", "cookie" -> true;
        default -> false;
    };

    /** Nothing is sensitive; for reproducing RFC 7541's examples. */
    static final Sensitivity NONE = (name, value) -> false;

    private final DynamicTable table;
    /** The largest table we will use, whatever larger size the peer allows. */
    private final int maxTableSize;
    private final boolean huffman;
    private final Sensitivity sensitivity;
    /** Smallest and latest size set since the last block, to signal at the next block's start. */
    private int pendingMin = -1;
    private int pendingSize = -1;

    /**
     * @param tableSize the table size both sides start with (4096 for HTTP/2) and the most this
     *     encoder will use
     */
    HpackEncoder(int tableSize, boolean huffman, Sensitivity sensitivity) {
        this.table = new DynamicTable(tableSize);
        this.maxTableSize = tableSize;
        this.huffman = huffman;
        this.sensitivity = sensitivity;
    }

    DynamicTable table() {
        return table;
    }

    /** The peer's SETTINGS_HEADER_TABLE_SIZE changed: the next block starts with a size update. */
    void setMaxTableSize(int peerSetting) {
        int size = Math.min(peerSetting, maxTableSize);
        pendingMin = pendingMin < 0 ? size : Math.min(pendingMin, size);
        pendingSize = size;
        table.setMaxSize(size);
    }

    /** Starts a header block: RFC 7541 §4.2, any table size change is signalled first. */
    void beginBlock(ByteSink out) {
        if (pendingSize < 0) {
            return;
        }
        if (pendingMin < pendingSize) {
            Hpack.writeInt(out, 0x20, 5, pendingMin);
        }
        Hpack.writeInt(out, 0x20, 5, pendingSize);
        pendingMin = -1;
        pendingSize = -1;
    }

    /** Encodes one field (name in lowercase), sensitive as the policy says. */
    void encode(String name, String value, ByteSink out) {
        encode(name, value, sensitivity.neverIndex(name, value), out);
    }

    /** Encodes one field; {@code sensitive} sends it as a never-indexed literal. */
    void encode(String name, String value, boolean sensitive, ByteSink out) {
        int exact = StaticTable.exactIndex(name, value);
        if (exact > 0) {
            Hpack.writeInt(out, 0x80, 7, exact);
            return;
        }
        if (!sensitive) {
            int dynamic = table.exactIndex(name, value);
            if (dynamic > 0) {
                Hpack.writeInt(out, 0x80, 7, StaticTable.LENGTH + dynamic);
                return;
            }
        }
        int nameIndex = StaticTable.nameIndex(name);
        if (nameIndex == 0) {
            int dynamic = table.nameIndex(name);
            nameIndex = dynamic == 0 ? 0 : StaticTable.LENGTH + dynamic;
        }
        HeaderField field = new HeaderField(name, value);
        if (sensitive) {
            Hpack.writeInt(out, 0x10, 4, nameIndex);
        } else if (field.size() <= table.maxSize()) {
            Hpack.writeInt(out, 0x40, 6, nameIndex);
            table.add(field);
        } else {
            Hpack.writeInt(out, 0x00, 4, nameIndex);
        }
        if (nameIndex == 0) {
            writeString(name, out);
        }
        writeString(value, out);
    }

    private void writeString(String s, ByteSink out) {
        if (huffman) {
            int coded = Huffman.encodedLength(s);
            if (coded <= s.length()) {
                Hpack.writeInt(out, 0x80, 7, coded);
                Huffman.encode(s, out);
                return;
            }
        }
        Hpack.writeInt(out, 0x00, 7, s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.put(c <= 0xff ? c : '?');
        }
    }
}
