package dev.house.core.http2;

import static dev.house.core.http2.FrameFeeding.allWays;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every frame type of RFC 9113 §6 and its rules, each input fed whole, split at every byte and in random pieces. */
class FrameReaderTest {
    private static final int MAX = 16_384;

    private static final class Frames {
        final ByteSink out = new ByteSink(64);

        Frames raw(int type, int flags, int streamId, String hexPayload) {
            FrameWriter.frame(out, type, flags, streamId, HexFormat.of().parseHex(hexPayload.replace(" ", "")));
            return this;
        }

        Frames raw(int type, int flags, int streamId, byte[] payload) {
            FrameWriter.frame(out, type, flags, streamId, payload);
            return this;
        }

        byte[] bytes() {
            return out.drain();
        }
    }

    private static Frames frames() {
        return new Frames();
    }

    private static String hex(String ascii) {
        return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsDataWithAndWithoutPadding() {
        byte[] in = frames()
                .raw(FrameReader.DATA, 0, 1, hex("hello"))
                .raw(FrameReader.DATA, FrameReader.FLAG_PADDED | FrameReader.FLAG_END_STREAM, 3, "03" + hex("abc") + "000000")
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "DATA 1 'hello' flow=5",
                "DATA 3 'abc' flow=7 END_STREAM");
    }

    @Test
    void readsHeadersWithPaddingAndPriority() {
        byte[] in = frames()
                .raw(FrameReader.HEADERS, FrameReader.FLAG_END_HEADERS, 1, hex("blk"))
                .raw(FrameReader.HEADERS, FrameReader.FLAG_PADDED | FrameReader.FLAG_PRIORITY | FrameReader.FLAG_END_HEADERS
                        | FrameReader.FLAG_END_STREAM, 3, "02 80000001 0f" + hex("xy") + "0000")
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "HEADERS 1 'blk' END_HEADERS",
                "HEADERS 3 'xy' END_STREAM END_HEADERS dep=1");
    }

    @Test
    void readsAHeaderBlockAcrossContinuationFrames() {
        byte[] in = frames()
                .raw(FrameReader.HEADERS, 0, 1, hex("ab"))
                .raw(FrameReader.CONTINUATION, 0, 1, hex("cd"))
                .raw(FrameReader.CONTINUATION, FrameReader.FLAG_END_HEADERS, 1, hex("ef"))
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "HEADERS 1 'ab'", "CONTINUATION 1 'cd'", "CONTINUATION 1 'ef' END_HEADERS");
    }

    @Test
    void readsControlFrames() {
        byte[] in = frames()
                .raw(FrameReader.PRIORITY, 0, 5, "80000003 ff")
                .raw(FrameReader.RST_STREAM, 0, 5, "00000008")
                .raw(FrameReader.SETTINGS, 0, 0, "0003 00000064 0004 00010000 0005 00004000 0006 00002000")
                .raw(FrameReader.SETTINGS, FrameReader.FLAG_ACK, 0, "")
                .raw(FrameReader.PING, 0, 0, "0000000000000007")
                .raw(FrameReader.PING, FrameReader.FLAG_ACK, 0, "0000000000000008")
                .raw(FrameReader.GOAWAY, 0, 0, "00000007 0000000b" + hex("calm"))
                .raw(FrameReader.WINDOW_UPDATE, 0, 0, "00010000")
                .raw(FrameReader.WINDOW_UPDATE, 0, 5, "80000400")
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "PRIORITY 5 dep=3 exclusive weight=256",
                "RST_STREAM 5 8",
                "SETTINGS {3=100, 4=65536, 5=16384, 6=8192}",
                "SETTINGS ACK {}",
                "PING 7",
                "PING ACK 8",
                "GOAWAY 7 11 'calm'",
                "WINDOW_UPDATE 0 65536",
                "WINDOW_UPDATE 5 1024");
    }

    @Test
    void ignoresUnknownFrameTypesAndUnknownSettings() {
        byte[] in = frames()
                .raw(0xfa, 0xff, 3, hex("whatever"))
                .raw(FrameReader.SETTINGS, 0, 0, "0099 12345678 0001 00001000")
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "UNKNOWN type=250 3 length=8",
                "SETTINGS {1=4096}");
    }

    @Test
    void ignoresTheReservedBitOfTheStreamIdentifier() {
        byte[] in = frames().raw(FrameReader.DATA, 0, 1, hex("a")).bytes();
        in[5] |= (byte) 0x80;
        assertThat(allWays(MAX, in)).containsExactly("DATA 1 'a' flow=1");
    }

    @Test
    void keepsAPartialFrameUntilTheRestArrives() {
        byte[] in = frames().raw(FrameReader.DATA, 0, 1, hex("hello")).bytes();
        assertThat(FrameFeeding.feed(MAX, List.of(java.util.Arrays.copyOf(in, in.length - 1)))).containsExactly("PARTIAL");
    }

    @Test
    void framesLargerThanMaxFrameSizeAreAFrameSizeError() {
        byte[] in = frames().raw(FrameReader.DATA, 0, 1, new byte[MAX + 1]).bytes();
        // Only the header is needed to decide: the error comes before the payload.
        assertThat(allWays(MAX, java.util.Arrays.copyOf(in, 9))).containsExactly(
                "CONNECTION FRAME_SIZE_ERROR: Frame of 16385 octets exceeds SETTINGS_MAX_FRAME_SIZE 16384");
        assertThat(FrameFeeding.feed(MAX + 1, List.of(in))).containsExactly("DATA 1 '" + "\0".repeat(MAX + 1) + "' flow=16385");
    }

    private static void assertError(byte[] in, String error) {
        assertThat(allWays(MAX, in)).containsExactly(error);
    }

    @Test
    void dataAndHeadersOnStreamZeroAreProtocolErrors() {
        assertError(frames().raw(FrameReader.DATA, 0, 0, hex("a")).bytes(), "CONNECTION PROTOCOL_ERROR: DATA frame on stream 0");
        assertError(frames().raw(FrameReader.HEADERS, 4, 0, hex("a")).bytes(), "CONNECTION PROTOCOL_ERROR: HEADERS frame on stream 0");
        assertError(frames().raw(FrameReader.PRIORITY, 0, 0, "0000000110").bytes(), "CONNECTION PROTOCOL_ERROR: PRIORITY frame on stream 0");
        assertError(frames().raw(FrameReader.RST_STREAM, 0, 0, "00000000").bytes(), "CONNECTION PROTOCOL_ERROR: RST_STREAM frame on stream 0");
    }

    @Test
    void connectionFramesOnAStreamAreProtocolErrors() {
        assertError(frames().raw(FrameReader.SETTINGS, 0, 1, "").bytes(), "CONNECTION PROTOCOL_ERROR: SETTINGS frame on stream 1, not 0");
        assertError(frames().raw(FrameReader.PING, 0, 1, "0000000000000000").bytes(), "CONNECTION PROTOCOL_ERROR: PING frame on stream 1, not 0");
        assertError(frames().raw(FrameReader.GOAWAY, 0, 1, "0000000000000000").bytes(), "CONNECTION PROTOCOL_ERROR: GOAWAY frame on stream 1, not 0");
    }

    @Test
    void paddingAsLongAsThePayloadIsAProtocolError() {
        assertError(frames().raw(FrameReader.DATA, FrameReader.FLAG_PADDED, 1, "04 000000").bytes(),
                "CONNECTION PROTOCOL_ERROR: DATA padding of 4 octets in a payload of 4");
        // One octet less is fine: an empty DATA frame that only pads.
        assertThat(allWays(MAX, frames().raw(FrameReader.DATA, FrameReader.FLAG_PADDED, 1, "03 000000").bytes()))
                .containsExactly("DATA 1 '' flow=4");
        assertError(frames().raw(FrameReader.HEADERS, FrameReader.FLAG_PADDED | 4, 1, "05 00").bytes(),
                "CONNECTION PROTOCOL_ERROR: HEADERS padding of 5 octets in a payload of 2");
        assertError(frames().raw(FrameReader.DATA, FrameReader.FLAG_PADDED, 1, "").bytes(),
                "CONNECTION FRAME_SIZE_ERROR: DATA frame is PADDED but empty");
    }

    @Test
    void wrongLengthsOfFixedSizeFramesAreFrameSizeErrors() {
        assertError(frames().raw(FrameReader.RST_STREAM, 0, 1, "000000").bytes(), "CONNECTION FRAME_SIZE_ERROR: RST_STREAM frame of 3 octets, not 4");
        assertError(frames().raw(FrameReader.PING, 0, 0, "00").bytes(), "CONNECTION FRAME_SIZE_ERROR: PING frame of 1 octets, not 8");
        assertError(frames().raw(FrameReader.WINDOW_UPDATE, 0, 0, "0000000100").bytes(), "CONNECTION FRAME_SIZE_ERROR: WINDOW_UPDATE frame of 5 octets, not 4");
        assertError(frames().raw(FrameReader.GOAWAY, 0, 0, "00000000").bytes(), "CONNECTION FRAME_SIZE_ERROR: GOAWAY frame of 4 octets, fewer than 8");
        assertError(frames().raw(FrameReader.SETTINGS, 0, 0, "00030000").bytes(), "CONNECTION FRAME_SIZE_ERROR: SETTINGS frame of 4 octets, not a multiple of 6");
        assertError(frames().raw(FrameReader.SETTINGS, FrameReader.FLAG_ACK, 0, "000300000001").bytes(), "CONNECTION FRAME_SIZE_ERROR: SETTINGS ACK with a payload");
    }

    @Test
    void aPriorityFrameOfTheWrongLengthOrOnItselfIsAStreamErrorAndReadingGoesOn() {
        byte[] in = frames()
                .raw(FrameReader.PRIORITY, 0, 3, "00000001")
                .raw(FrameReader.PRIORITY, 0, 5, "0000000510")
                .raw(FrameReader.PING, 0, 0, "0000000000000001")
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "STREAM FRAME_SIZE_ERROR on stream 3: PRIORITY frame of 4 octets, not 5",
                "STREAM PROTOCOL_ERROR on stream 5: Stream 5 depends on itself",
                "PING 1");
    }

    @Test
    void badSettingsValuesAreConnectionErrors() {
        assertError(frames().raw(FrameReader.SETTINGS, 0, 0, "0002 00000002").bytes(),
                "CONNECTION PROTOCOL_ERROR: SETTINGS_ENABLE_PUSH of 2, not 0 or 1");
        assertError(frames().raw(FrameReader.SETTINGS, 0, 0, "0004 80000000").bytes(),
                "CONNECTION FLOW_CONTROL_ERROR: SETTINGS_INITIAL_WINDOW_SIZE of 2147483648 exceeds 2^31-1");
        assertError(frames().raw(FrameReader.SETTINGS, 0, 0, "0005 00003fff").bytes(),
                "CONNECTION PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE of 16383 is outside 16384..16777215");
        assertError(frames().raw(FrameReader.SETTINGS, 0, 0, "0005 01000000").bytes(),
                "CONNECTION PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE of 16777216 is outside 16384..16777215");
    }

    @Test
    void zeroWindowIncrementIsAStreamErrorOnAStreamAndAConnectionErrorOnTheConnection() {
        byte[] in = frames()
                .raw(FrameReader.WINDOW_UPDATE, 0, 1, "00000000")
                .raw(FrameReader.WINDOW_UPDATE, 0, 0, "80000000")
                .bytes();
        assertThat(allWays(MAX, in)).containsExactly(
                "STREAM PROTOCOL_ERROR on stream 1: WINDOW_UPDATE with an increment of 0",
                "CONNECTION PROTOCOL_ERROR: WINDOW_UPDATE with an increment of 0");
    }

    @Test
    void pushPromiseFromAClientIsAProtocolError() {
        assertError(frames().raw(FrameReader.PUSH_PROMISE, 4, 1, "00000002").bytes(),
                "CONNECTION PROTOCOL_ERROR: PUSH_PROMISE sent by a client");
    }

    @Test
    void anInterruptedHeaderBlockIsAProtocolError() {
        assertThat(allWays(MAX, frames().raw(FrameReader.HEADERS, 0, 1, hex("ab")).raw(FrameReader.DATA, 0, 1, hex("x")).bytes()))
                .containsExactly("HEADERS 1 'ab'", "CONNECTION PROTOCOL_ERROR: Header block of stream 1 interrupted by a frame of type 0");
        assertThat(allWays(MAX, frames().raw(FrameReader.HEADERS, 0, 1, hex("ab")).raw(FrameReader.CONTINUATION, 4, 3, hex("x")).bytes()))
                .containsExactly("HEADERS 1 'ab'", "CONNECTION PROTOCOL_ERROR: Header block of stream 1 interrupted by a frame of type 9");
        assertError(frames().raw(FrameReader.CONTINUATION, 4, 1, hex("x")).bytes(),
                "CONNECTION PROTOCOL_ERROR: CONTINUATION without an open header block");
    }

    @Test
    void theWriterProducesWhatTheReaderReads() {
        ByteSink out = new ByteSink(16);
        Http2Settings settings = new Http2Settings().set(Http2Settings.MAX_CONCURRENT_STREAMS, 128)
                .set(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20);
        FrameWriter.settings(out, settings);
        FrameWriter.settingsAck(out);
        FrameWriter.ping(out, true, 42);
        FrameWriter.windowUpdate(out, 0, 1000);
        FrameWriter.rstStream(out, 3, Http2Error.REFUSED_STREAM);
        FrameWriter.goAway(out, 7, Http2Error.ENHANCE_YOUR_CALM, "too many resets");
        FrameWriter.data(out, 5, java.nio.ByteBuffer.wrap("body".getBytes(StandardCharsets.US_ASCII)), true);
        byte[] block = "0123456789".getBytes(StandardCharsets.US_ASCII);
        FrameWriter.headers(out, 7, block, block.length, true, 4);
        assertThat(allWays(MAX, out.drain())).containsExactly(
                "SETTINGS {3=128, 4=1048576}",
                "SETTINGS ACK {}",
                "PING ACK 42",
                "WINDOW_UPDATE 0 1000",
                "RST_STREAM 3 7",
                "GOAWAY 7 11 'too many resets'",
                "DATA 5 'body' flow=4 END_STREAM",
                "HEADERS 7 '0123' END_STREAM",
                "CONTINUATION 7 '4567'",
                "CONTINUATION 7 '89' END_HEADERS");
    }
}
