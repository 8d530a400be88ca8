package dev.house.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseStreamDecoderTest {
    private static final String HEAD_CHUNKED =
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    private static final String HEAD_PLAIN = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n";

    private final List<Integer> heads = new ArrayList<>();
    private final List<Long> stamps = new ArrayList<>();
    private final SseStreamDecoder decoder = new SseStreamDecoder(new SseStreamDecoder.Listener() {
        @Override
        public void onHead(int status) {
            heads.add(status);
        }

        @Override
        public void onEvent(long sentNanos) {
            stamps.add(sentNanos);
        }
    });

    private static String event(long stamp) {
        return "id: 7\ndata:{\"name\":\"bench\",\"message\":\"" + stamp + "xxxx\",\"at\":1}\n\n";
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
    }

    private void feedSplitEvery(String wire, int step) {
        byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i += step) {
            decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(step, bytes.length - i)).slice());
        }
    }

    @Test
    void reportsTheTimestampOfEveryEventInAChunkedStreamSplitAnywhere() {
        String wire = HEAD_CHUNKED + chunk(": connected\n\n") + chunk(event(123456789L)) + chunk(event(42L));
        for (int step = 1; step <= wire.length(); step++) {
            heads.clear();
            stamps.clear();
            SseStreamDecoder fresh = new SseStreamDecoder(new SseStreamDecoder.Listener() {
                @Override
                public void onHead(int status) {
                    heads.add(status);
                }

                @Override
                public void onEvent(long sentNanos) {
                    stamps.add(sentNanos);
                }
            });
            byte[] bytes = wire.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < bytes.length; i += step) {
                fresh.feed(ByteBuffer.wrap(bytes, i, Math.min(step, bytes.length - i)).slice());
            }
            assertThat(heads).as("split every %d bytes", step).containsExactly(200);
            assertThat(stamps).as("split every %d bytes", step).containsExactly(123456789L, 42L);
        }
    }

    @Test
    void decodesAnEventSplitAcrossTwoChunks() {
        String e = event(99L);
        feedSplitEvery(HEAD_CHUNKED + chunk(e.substring(0, 30)) + chunk(e.substring(30)), 7);

        assertThat(stamps).containsExactly(99L);
    }

    @Test
    void decodesACloseDelimitedStream() {
        feedSplitEvery(HEAD_PLAIN + event(5L) + event(6L), 3);

        assertThat(stamps).containsExactly(5L, 6L);
    }

    @Test
    void ignoresChunkExtensions() {
        String e = event(8L);
        feedSplitEvery(HEAD_CHUNKED + Integer.toHexString(e.length()) + ";x=y\r\n" + e + "\r\n", 5);

        assertThat(stamps).containsExactly(8L);
    }

    @Test
    void endsAtTheLastChunk() {
        feedSplitEvery(HEAD_CHUNKED + chunk(event(1L)) + "0\r\n\r\n", 4);

        assertThat(decoder.isDone()).isTrue();
        assertThat(stamps).containsExactly(1L);
    }

    @Test
    void reportsANonStreamStatusAndStops() {
        feedSplitEvery("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", 2);

        assertThat(heads).containsExactly(404);
        assertThat(decoder.isDone()).isTrue();
    }

    @Test
    void countsNoEventForACommentOrAnEventWithoutTimestamp() {
        feedSplitEvery(HEAD_PLAIN + ": connected\n\nretry: 1000\n\ndata: hello\n\n", 1);

        assertThat(stamps).isEmpty();
    }
}
