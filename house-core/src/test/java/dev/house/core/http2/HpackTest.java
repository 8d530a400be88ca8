package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HPACK against every example of RFC 7541 Appendix C (C.2 to C.6): the decoder yields the RFC's
 * fields and dynamic table, and the encoder, making the choices the RFC made, yields the RFC's
 * bytes. Header-block splitting across CONTINUATION frames is exercised by Http2ConnectionTest.
 */
class HpackTest {
    private static final String DATE21 = "Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE22 = "Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String COOKIE = "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", "").replace("\n", ""));
    }

    private static List<String> decode(HpackDecoder decoder, byte[] block) {
        List<String> fields = new ArrayList<>();
        decoder.decode(ByteBuffer.wrap(block), (n, v) -> fields.add(n + ": " + v));
        return fields;
    }

    private static byte[] encode(HpackEncoder encoder, String... fields) {
        ByteSink out = new ByteSink(64);
        encoder.beginBlock(out);
        for (String f : fields) {
            int colon = f.indexOf(": ");
            encoder.encode(f.substring(0, colon), f.substring(colon + 2), out);
        }
        return out.drain();
    }

    private static String table(DynamicTable t) {
        return t.toString();
    }

    // C.2: one representation each

    @Test
    void c21LiteralWithIndexingAddsToTheTable() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        assertThat(decode(decoder, hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572")))
                .containsExactly("custom-key: custom-header");
        assertThat(table(decoder.table())).isEqualTo("[1] (s = 55) custom-key: custom-header\nTable size: 55");
    }

    @Test
    void c22LiteralWithoutIndexingLeavesTheTableEmpty() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        assertThat(decode(decoder, hex("040c 2f73 616d 706c 652f 7061 7468"))).containsExactly(":path: /sample/path");
        assertThat(decoder.table().length()).isZero();
    }

    @Test
    void c23NeverIndexedLiteralLeavesTheTableEmptyAndTheEncoderNeverIndexesSensitiveFields() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        byte[] block = hex("1008 7061 7373 776f 7264 0673 6563 7265 74");
        assertThat(decode(decoder, block)).containsExactly("password: secret");
        assertThat(decoder.table().length()).isZero();

        HpackEncoder encoder = new HpackEncoder(4096, false, (n, v) -> n.equals("password"));
        assertThat(encode(encoder, "password: secret")).isEqualTo(block);
        assertThat(encoder.table().length()).isZero();
    }

    @Test
    void c24IndexedField() {
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        assertThat(decode(decoder, hex("82"))).containsExactly(":method: GET");
        assertThat(decoder.table().length()).isZero();
        assertThat(encode(new HpackEncoder(4096, false, HpackEncoder.NONE), ":method: GET")).isEqualTo(hex("82"));
    }

    // C.3 / C.4: three requests on one connection, without and with Huffman

    private static final String[][] REQUESTS = {
        {":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"},
        {":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"},
        {":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com", "custom-key: custom-value"},
    };
    private static final String[] REQUEST_TABLES = {
        "[1] (s = 57) :authority: www.example.com\nTable size: 57",
        "[1] (s = 53) cache-control: no-cache\n[2] (s = 57) :authority: www.example.com\nTable size: 110",
        "[1] (s = 54) custom-key: custom-value\n[2] (s = 53) cache-control: no-cache\n"
                + "[3] (s = 57) :authority: www.example.com\nTable size: 164",
    };

    @Test
    void c3RequestsWithoutHuffman() {
        checkSequence(4096, false, REQUESTS, REQUEST_TABLES,
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65");
    }

    @Test
    void c4RequestsWithHuffman() {
        checkSequence(4096, true, REQUESTS, REQUEST_TABLES,
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf");
    }

    // C.5 / C.6: three responses with a 256-byte table, so entries are evicted

    private static final String[][] RESPONSES = {
        {":status: 302", "cache-control: private", "date: " + DATE21, "location: https://www.example.com"},
        {":status: 307", "cache-control: private", "date: " + DATE21, "location: https://www.example.com"},
        {":status: 200", "cache-control: private", "date: " + DATE22, "location: https://www.example.com",
            "content-encoding: gzip", "set-cookie: " + COOKIE},
    };
    private static final String[] RESPONSE_TABLES = {
        "[1] (s = 63) location: https://www.example.com\n[2] (s = 65) date: " + DATE21
                + "\n[3] (s = 52) cache-control: private\n[4] (s = 42) :status: 302\nTable size: 222",
        "[1] (s = 42) :status: 307\n[2] (s = 63) location: https://www.example.com\n[3] (s = 65) date: " + DATE21
                + "\n[4] (s = 52) cache-control: private\nTable size: 222",
        "[1] (s = 98) set-cookie: " + COOKIE + "\n[2] (s = 52) content-encoding: gzip\n[3] (s = 65) date: " + DATE22
                + "\nTable size: 215",
    };

    @Test
    void c5ResponsesWithoutHuffmanEvictingFromA256ByteTable() {
        checkSequence(256, false, RESPONSES, RESPONSE_TABLES,
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                        + "2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                        + "6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                        + "54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                        + "5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                        + "3d31");
    }

    @Test
    void c6ResponsesWithHuffmanEvictingFromA256ByteTable() {
        checkSequence(256, true, RESPONSES, RESPONSE_TABLES,
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                        + "2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                        + "77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                        + "9587 3160 65c0 03ed 4ee5 b106 3d50 07");
    }

    private static void checkSequence(int tableSize, boolean huffman, String[][] fields, String[] tables, String... blocks) {
        HpackDecoder decoder = new HpackDecoder(tableSize, 16384);
        HpackEncoder encoder = new HpackEncoder(tableSize, huffman, HpackEncoder.NONE);
        for (int i = 0; i < blocks.length; i++) {
            byte[] block = hex(blocks[i]);
            assertThat(decode(decoder, block)).as("decoded block %d", i + 1).containsExactly(fields[i]);
            assertThat(table(decoder.table())).as("decoder table after block %d", i + 1).isEqualTo(tables[i]);
            assertThat(HexFormat.of().formatHex(encode(encoder, fields[i])))
                    .as("encoded block %d", i + 1).isEqualTo(HexFormat.of().formatHex(block));
            assertThat(table(encoder.table())).as("encoder table after block %d", i + 1).isEqualTo(tables[i]);
        }
    }

    // Huffman

    @Test
    void huffmanTableIsTheRfcsCanonicalCode() {
        // Spot checks against RFC 7541 Appendix B.
        assertThat(Huffman.code(0)).isEqualTo(0x1ff8);
        assertThat(Huffman.code('0')).isEqualTo(0x0);
        assertThat(Huffman.code(' ')).isEqualTo(0x14);
        assertThat(Huffman.code('a')).isEqualTo(0x3);
        assertThat(Huffman.code(255)).isEqualTo(0x3ffffee);
        assertThat(Huffman.code(Huffman.EOS)).isEqualTo(0x3fffffff);
        assertThat(Huffman.length(Huffman.EOS)).isEqualTo(30);
    }

    @Test
    void huffmanRoundTripsEveryOctetAndRandomStrings() {
        Random random = new Random(7);
        for (int n = 0; n < 500; n++) {
            StringBuilder sb = new StringBuilder();
            int length = n < 256 ? 1 : random.nextInt(200);
            for (int i = 0; i < length; i++) {
                sb.append((char) (n < 256 ? n : random.nextInt(256)));
            }
            String s = sb.toString();
            ByteSink out = new ByteSink(8);
            Huffman.encode(s, out);
            byte[] coded = out.drain();
            assertThat(coded).hasSize(Huffman.encodedLength(s));
            byte[] decoded = new byte[coded.length * 8 / 5 + 1];
            int written = Huffman.decode(ByteBuffer.wrap(coded), coded.length, decoded);
            assertThat(new String(decoded, 0, written, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo(s);
        }
    }

    @Test
    void huffmanRejectsEosInTheString() {
        // EOS (30 ones) then two padding ones.
        assertThatThrownBy(() -> Huffman.decode(ByteBuffer.wrap(hex("ffffffff")), 4, new byte[8]))
                .isInstanceOf(Http2Exception.class).hasMessageContaining("EOS");
    }

    @Test
    void huffmanRejectsPaddingLongerThanSevenBits() {
        // 'a' (00011) then 11 one bits.
        assertThatThrownBy(() -> Huffman.decode(ByteBuffer.wrap(hex("1fff")), 2, new byte[8]))
                .isInstanceOf(Http2Exception.class).hasMessageContaining("longer than 7 bits");
        assertThatThrownBy(() -> Huffman.decode(ByteBuffer.wrap(hex("ff")), 1, new byte[8]))
                .isInstanceOf(Http2Exception.class).hasMessageContaining("longer than 7 bits");
    }

    @Test
    void huffmanRejectsPaddingThatIsNotAllOnes() {
        // 'a' (00011) then padding 010.
        assertThatThrownBy(() -> Huffman.decode(ByteBuffer.wrap(hex("1a")), 1, new byte[8]))
                .isInstanceOf(Http2Exception.class).hasMessageContaining("not all ones");
    }

    // Errors and limits

    private static void assertCompressionError(HpackDecoder decoder, String block, String message) {
        assertThatThrownBy(() -> decode(decoder, hex(block)))
                .isInstanceOfSatisfying(Http2Exception.class, e -> {
                    assertThat(e.error()).isEqualTo(Http2Error.COMPRESSION_ERROR);
                    assertThat(e.scope()).isEqualTo(Http2Exception.Scope.CONNECTION);
                })
                .hasMessageContaining(message);
    }

    @Test
    void rejectsIndexZeroAndIndexesPastTheTable() {
        assertCompressionError(new HpackDecoder(4096, 16384), "80", "index 0");
        assertCompressionError(new HpackDecoder(4096, 16384), "be", "index 62");
        // A literal whose name index is past the table.
        assertCompressionError(new HpackDecoder(4096, 16384), "7f00 0161", "index 63");
    }

    @Test
    void rejectsIntegerOverflowAndTruncation() {
        assertCompressionError(new HpackDecoder(4096, 16384), "ff ff ff ff ff 0f", "overflow");
        assertCompressionError(new HpackDecoder(4096, 16384), "ff 80 80 80 80 80 80 01", "overflow");
        assertCompressionError(new HpackDecoder(4096, 16384), "ff 80", "truncated");
        assertCompressionError(new HpackDecoder(4096, 16384), "400a 6375", "truncated");
    }

    @Test
    void tableSizeUpdateIsBoundedBySettingsAndOnlyAllowedAtTheBlockStart() {
        assertCompressionError(new HpackDecoder(4096, 16384), "3fe21f", "exceeds SETTINGS_HEADER_TABLE_SIZE 4096");
        assertCompressionError(new HpackDecoder(4096, 16384), "82 20", "after a field");

        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        decode(decoder, hex("400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572"));
        assertThat(decode(decoder, hex("20 3fe11f 82"))).containsExactly(":method: GET");
        assertThat(decoder.table().length()).isZero();
        assertThat(decoder.table().maxSize()).isEqualTo(4096);
    }

    @Test
    void encoderSignalsTheSmallestAndTheFinalTableSizeAtTheNextBlock() {
        HpackEncoder encoder = new HpackEncoder(4096, false, HpackEncoder.NONE);
        encoder.setMaxTableSize(0);
        encoder.setMaxTableSize(8192);
        // 0, then 4096 (our cap), then the field.
        assertThat(HexFormat.of().formatHex(encode(encoder, ":method: GET"))).isEqualTo("203fe11f82");
        assertThat(HexFormat.of().formatHex(encode(encoder, ":method: GET"))).isEqualTo("82");
    }

    @Test
    void encoderNeverIndexesCredentialsByDefault() {
        HpackEncoder encoder = new HpackEncoder(4096, false, HpackEncoder.CREDENTIALS);
        byte[] block = encode(encoder, "set-cookie: a=b", "authorization: Bearer x", "x-trace: 1");
        // set-cookie: never indexed with static name 55 -> 0x1f 0x28; authorization 23 -> 0x1f 0x08.
        assertThat(HexFormat.of().formatHex(block)).startsWith("1f2803613d62" + "1f08" + "08426561726572207");
        assertThat(encoder.table().length()).isEqualTo(1);
        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        assertThat(decode(decoder, block)).containsExactly("set-cookie: a=b", "authorization: Bearer x", "x-trace: 1");
        assertThat(decoder.table().length()).isEqualTo(1);
    }

    @Test
    void decodedHeaderListSizeIsCountedNotTheEncodedSize() {
        // An HPACK bomb: one 4,000-octet entry, then 100 one-byte references to it.
        HpackEncoder encoder = new HpackEncoder(4096, false, HpackEncoder.NONE);
        ByteSink out = new ByteSink(64);
        String big = "x".repeat(4000);
        encoder.encode("bomb", big, out);
        for (int i = 0; i < 100; i++) {
            encoder.encode("bomb", big, out);
        }
        byte[] block = out.drain();
        assertThat(block.length).isLessThan(4200);

        HpackDecoder decoder = new HpackDecoder(4096, 16384);
        List<String> fields = new ArrayList<>();
        boolean within = decoder.decode(ByteBuffer.wrap(block), (n, v) -> fields.add(n));
        assertThat(within).isFalse();
        // 4036 octets per field: four fit in 16384, the rest are dropped.
        assertThat(fields).hasSize(4);
        // The table stayed in sync: a later block can still reference the entry.
        assertThat(decode(decoder, hex("be"))).containsExactly("bomb: " + big);
    }
}
