package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Body;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamHandler;
import dev.house.core.testing.PendingBound;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseSlowConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private SseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
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

    @Test
    void subscriberStaysOpenAtTheConfiguredPendingBoundAndIsCutOneBytePast() throws Exception {
        SseChannels sse = SseChannels.builder().config(SseConfig.builder().maxPendingBytes(64 * 1024).build()).build();
        BlockingQueue<ResponseStream> streams = new LinkedBlockingQueue<>();
        // The subscription's own stream handler, reached through its response, with the stream kept.
        HouseServer house = TestServers.start(Router.builder().get("/events", r -> {
            StreamHandler subscription = ((Body.Stream) sse.subscribe(r, List.of("flood")).body()).handler();
            return Response.stream(SseChannels.CONTENT_TYPE, stream -> {
                streams.add(stream);
                subscription.onOpen(stream);
            });
        }).build(), b -> b);
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", house.port()))) {
            c.socket().setReceiveBufferSize(4096);
            c.write(ByteBuffer.wrap("GET /events HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            assertThat(Poll.until(WAIT, () -> sse.stats().subscriptions() == 1)).isTrue();
            PendingBound.assertOpenAtBoundAndCutOnePast(stream, 64 * 1024);
            assertThat(Poll.until(WAIT, () -> sse.stats().subscriptions() == 0)).as("subscriber removed").isTrue();
        } finally {
            house.stop();
            sse.close();
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
