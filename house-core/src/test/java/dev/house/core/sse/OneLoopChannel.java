package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.io.EventLoop;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A server with one event loop and many real subscribers of one channel, all on that loop, and
 * the loop itself at hand: for tests that measure what the loop does per delivery (its
 * allocation, its write system calls).
 */
final class OneLoopChannel implements AutoCloseable {
    final SseChannels sse;
    final HouseServer server;
    final SseClientPool pool;
    final EventLoop loop;

    private OneLoopChannel(SseChannels sse, HouseServer server, SseClientPool pool, EventLoop loop) {
        this.sse = sse;
        this.server = server;
        this.pool = pool;
        this.loop = loop;
    }

    /** Starts the server and returns once all {@code subscribers} are subscribed to {@code channel}. */
    static OneLoopChannel start(String channel, int subscribers) throws Exception {
        AtomicReference<EventLoop> loop = new AtomicReference<>();
        SseChannels sse = SseChannels.builder().config(SseConfig.defaults()).build();
        HouseServer server = null;
        SseClientPool pool = new SseClientPool();
        try {
            server = TestServers.start(Router.builder()
                    .get("/events", sse::subscribe)
                    .route(HttpMethod.GET, "/loop", r -> {
                        loop.set(EventLoop.current());
                        return Response.text("ok");
                    }, Execution.EVENT_LOOP)
                    .build(), b -> b.eventLoops(1).maxConnections(subscribers + 10));
            try (RawHttpClient client = new RawHttpClient(server.port())) {
                assertThat(client.get("/loop").read().status()).isEqualTo(200);
            }
            for (int i = 0; i < subscribers; i++) {
                pool.open(server.port(), "/events?channel=" + channel, 0, true);
            }
            assertThat(Poll.until(Duration.ofSeconds(30), () -> subscribers(sse, channel) == subscribers)).isTrue();
            return new OneLoopChannel(sse, server, pool, loop.get());
        } catch (Exception | AssertionError e) {
            close(sse, server, pool);
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        close(sse, server, pool);
    }

    private static void close(SseChannels sse, HouseServer server, SseClientPool pool) throws Exception {
        try {
            pool.close();
        } finally {
            if (server != null) {
                server.stop();
            }
            sse.close();
        }
    }

    private static int subscribers(SseChannels sse, String channel) {
        return sse.channels().stream().filter(c -> c.name().equals(channel))
                .mapToInt(ChannelStats::subscribers).findFirst().orElse(0);
    }
}
