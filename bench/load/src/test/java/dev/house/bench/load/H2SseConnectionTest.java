package dev.house.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The h2 subscriber codec fed a server's frames whole and split at every byte. */
class H2SseConnectionTest {
    private static final byte[] STATUS_200 = {(byte) 0x88}; // HPACK: :status 200, static index 8
    private static final byte[] STATUS_404 = {(byte) 0x8d}; // :status 404, static index 13

    /** What the codec reported, as lines. */
    private static final class Recorded implements H2SseConnection.Listener {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onHead(int stream, int status) {
            calls.add("head " + stream + " " + status);
        }

        @Override
        public void onEvent(int stream, long sentNanos) {
            calls.add("event " + stream + " " + sentNanos);
        }

        @Override
        public void onEnd(int stream, String why) {
            calls.add("end " + stream + " " + why);
        }
    }

    private static byte[] event(long stamp) {
        return ("data:{\"name\":\"n\",\"message\":\"" + stamp + " hi\"}\n\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A server's side of a conversation on three streams, with padding, a PING and a reset. */
    private static byte[] serverBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        H2SseConnection.frame(b, H2SseConnection.SETTINGS, 0, 0, new byte[] {0, 3, 0, 0, 0, 100});
        H2SseConnection.frame(b, H2SseConnection.HEADERS, H2SseConnection.END_HEADERS, 1, STATUS_200);
        // stream 3's head split into HEADERS + CONTINUATION, the HEADERS padded
        H2SseConnection.frame(b, H2SseConnection.HEADERS, H2SseConnection.PADDED, 3, new byte[] {2, (byte) 0x88, 0, 0});
        H2SseConnection.frame(b, H2SseConnection.CONTINUATION, H2SseConnection.END_HEADERS, 3, new byte[0]);
        H2SseConnection.frame(b, H2SseConnection.HEADERS, H2SseConnection.END_HEADERS | H2SseConnection.END_STREAM, 5,
                STATUS_404);
        H2SseConnection.frame(b, H2SseConnection.DATA, 0, 1, event(111));
        byte[] e2 = event(222);
        byte[] padded = new byte[1 + e2.length + 3];
        padded[0] = 3;
        System.arraycopy(e2, 0, padded, 1, e2.length);
        H2SseConnection.frame(b, H2SseConnection.DATA, H2SseConnection.PADDED, 3, padded);
        H2SseConnection.frame(b, H2SseConnection.PING, 0, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        H2SseConnection.frame(b, H2SseConnection.RST_STREAM, 0, 3, new byte[] {0, 0, 0, 8});
        H2SseConnection.frame(b, 0x42, 0, 0, new byte[] {9, 9}); // an unknown frame type: ignored
        H2SseConnection.frame(b, H2SseConnection.DATA, H2SseConnection.END_STREAM, 1, event(333));
        return b.toByteArray();
    }

    private static final List<String> EXPECTED = List.of("head 0 200", "head 1 200", "head 2 404", "end 2 null",
            "event 0 111", "event 1 222", "end 1 reset by the server, error code 8", "event 0 333", "end 0 null");

    private static byte[] expectedReplies() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        H2SseConnection.frame(b, H2SseConnection.SETTINGS, H2SseConnection.ACK, 0, new byte[0]);
        H2SseConnection.frame(b, H2SseConnection.PING, H2SseConnection.ACK, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return b.toByteArray();
    }

    @Test
    void reportsHeadsEventsAndEndsPerStreamAndAcknowledgesSettingsAndPing() {
        Recorded r = new Recorded();
        H2SseConnection h2 = new H2SseConnection(3, r);

        byte[] replies = h2.feed(ByteBuffer.wrap(serverBytes()));

        assertThat(r.calls).containsExactlyElementsOf(EXPECTED);
        assertThat(replies).isEqualTo(expectedReplies());
        assertThat(h2.isClosed()).isFalse();
    }

    @Test
    void readsTheSameSplitAtEveryByte() {
        byte[] all = serverBytes();
        for (int cut = 1; cut < all.length; cut++) {
            Recorded r = new Recorded();
            H2SseConnection h2 = new H2SseConnection(3, r);
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            for (ByteBuffer part : List.of(ByteBuffer.wrap(all, 0, cut).slice(), ByteBuffer.wrap(all, cut, all.length - cut).slice())) {
                byte[] reply = h2.feed(part);
                if (reply != null) {
                    replies.writeBytes(reply);
                }
            }
            assertThat(r.calls).as("split at %d", cut).containsExactlyElementsOf(EXPECTED);
            assertThat(replies.toByteArray()).as("split at %d", cut).isEqualTo(expectedReplies());
        }
    }

    @Test
    void opensWithThePrefaceSettingsAWindowGrantAndOneGetPerStream() {
        byte[] opening = H2SseConnection.opening(2, "http", "localhost:8080", "/source?room=a");
        ByteBuffer in = ByteBuffer.wrap(opening);
        byte[] preface = new byte[24];
        in.get(preface);
        assertThat(new String(preface, StandardCharsets.US_ASCII)).isEqualTo("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        List<String> frames = new ArrayList<>();
        while (in.hasRemaining()) {
            int length = (in.get() & 0xff) << 16 | (in.get() & 0xff) << 8 | in.get() & 0xff;
            int type = in.get();
            int flags = in.get();
            int stream = in.getInt();
            in.position(in.position() + length);
            frames.add(type + "/" + flags + "/" + stream);
        }
        assertThat(frames).containsExactly("4/0/0", "8/0/0", "1/5/1", "1/5/3");
    }

    @Test
    void aRequestBlockDecodesToTheSubscribeRequest() throws Exception {
        byte[] block = H2SseConnection.requestBlock("https", "localhost:8443", "/source?room=" + "r".repeat(200));
        var headers = new io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder(true)
                .decodeHeaders(1, io.netty.buffer.Unpooled.wrappedBuffer(block));
        assertThat(headers.method().toString()).isEqualTo("GET");
        assertThat(headers.scheme().toString()).isEqualTo("https");
        assertThat(headers.path().toString()).isEqualTo("/source?room=" + "r".repeat(200));
        assertThat(headers.authority().toString()).isEqualTo("localhost:8443");
        assertThat(headers.get("accept").toString()).isEqualTo("text/event-stream");
    }

    @Test
    void aGoawayEndsTheStreamsPastItsLastStreamId() {
        Recorded r = new Recorded();
        H2SseConnection h2 = new H2SseConnection(3, r);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        H2SseConnection.frame(b, H2SseConnection.HEADERS, H2SseConnection.END_HEADERS, 1, STATUS_200);
        H2SseConnection.frame(b, H2SseConnection.GOAWAY, 0, 0, new byte[] {0, 0, 0, 1, 0, 0, 0, 0});

        h2.feed(ByteBuffer.wrap(b.toByteArray()));

        assertThat(r.calls).containsExactly("head 0 200", "end 1 GOAWAY, error code 0", "end 2 GOAWAY, error code 0");
    }
}
