package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseSlowConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private SseServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void subscriberThatNeverReadsIsCutOffWhileOthersKeepReceiving() throws Exception {
        server = SseServer.start(b -> b.maxPendingBytes(64 * 1024).historySize(50));
        String payload = "x".repeat(8 * 1024);
        int fastCount = 4;
        try (SseClientPool pool = new SseClientPool()) {
            SseClientPool.Client slow = pool.open(server.port(), "/events?channel=flood", 4096, false);
            for (int i = 0; i < fastCount; i++) {
                pool.open(server.port(), "/events?channel=flood", 0, true);
            }
            List<SseClientPool.Client> fast = pool.clients().subList(1, fastCount + 1);
            assertThat(pool.pumpUntil(() -> server.subscribers("flood") == fastCount + 1, WAIT)).isTrue();

            int published = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (server.sse.stats().droppedSlow() == 0 && System.nanoTime() < deadline) {
                for (int i = 0; i < 20; i++) {
                    server.sse.publish("flood", published++ + ":" + payload);
                }
                int expected = published;
                assertThat(pool.pumpUntil(() -> fast.stream().allMatch(c -> c.dataCount == expected), WAIT))
                        .as("fast subscribers keep up").isTrue();
            }
            long publishedBytes = (long) published * payload.length();

            assertThat(server.sse.stats().droppedSlow()).isEqualTo(1);
            assertThat(server.sse.channels().get(0).droppedSlow()).isEqualTo(1);
            assertThat(pool.pumpUntil(() -> server.subscribers("flood") == fastCount, WAIT)).isTrue();
            assertThat(server.server.connectionCount()).isEqualTo(fastCount);

            for (int i = 0; i < 10; i++) {
                server.sse.publish("flood", published++ + ":after");
            }
            int expected = published;
            assertThat(pool.pumpUntil(() -> fast.stream().allMatch(c -> c.dataCount == expected), WAIT)).isTrue();
            for (SseClientPool.Client c : fast) {
                List<SseParser.Event> got = c.dataEvents();
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).data()).startsWith(i + ":");
                }
            }

            // The server let go of the slow client: what it can still read is what the kernel had
            // buffered, far less than what was published, and then the connection ends.
            long readable = drain(slow);
            assertThat(readable).isLessThan(publishedBytes);
        }
    }

    /** Reads the never-read connection to its end; returns the byte count. */
    private static long drain(SseClientPool.Client c) throws IOException {
        c.channel.configureBlocking(true);
        c.channel.socket().setSoTimeout(5000);
        long total = 0;
        var in = c.channel.socket().getInputStream();
        byte[] bytes = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(bytes)) >= 0) {
                total += n;
            }
        } catch (IOException reset) {
            // a reset also ends it
        }
        return total;
    }
}
