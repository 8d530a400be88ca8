package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.io.EventLoop;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out allocates nothing per subscriber per event: the event loop's own allocation (the
 * JVM counts it per thread) over many deliveries stays at a few bytes per delivery, the cost of
 * a loop pass spread over the subscribers it served, where a buffer or a wrapper per delivery
 * would cost 40 bytes or more each.
 */
class SseFanOutAllocationTest {
    private static final int SUBSCRIBERS = 1000;
    private static final int EVENTS = 40;
    private final AtomicReference<EventLoop> loop = new AtomicReference<>();
    private SseChannels sse;
    private HouseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (sse != null) {
            sse.close();
        }
    }

    @Test
    void deliveringToAThousandSubscribersAllocatesAlmostNothingPerDelivery() throws Exception {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs the JDK's per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) mx;
        sse = SseChannels.builder().config(SseConfig.defaults()).build();
        server = TestServers.start(Router.builder()
                .get("/events", sse::subscribe)
                .route(HttpMethod.GET, "/loop", r -> {
                    loop.set(EventLoop.current());
                    return Response.text("ok");
                }, Execution.EVENT_LOOP)
                .build(), b -> b.eventLoops(1).maxConnections(SUBSCRIBERS + 10));
        try (SseClientPool pool = new SseClientPool(); RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/loop").read().status()).isEqualTo(200);
            for (int i = 0; i < SUBSCRIBERS; i++) {
                pool.open(server.port(), "/events?channel=room", 0, true);
            }
            assertThat(Poll.until(Duration.ofSeconds(30), () -> subscribers("room") == SUBSCRIBERS)).isTrue();
            CompletableFuture<Long> loopThread = new CompletableFuture<>();
            loop.get().execute(() -> loopThread.complete(Thread.currentThread().getId()));
            long tid = loopThread.get(10, TimeUnit.SECONDS);

            // Warm-up: the first events build the snapshot and compile the path.
            publishAndDrain(pool, 0, 20);
            long before = threads.getThreadAllocatedBytes(tid);
            publishAndDrain(pool, 20, 20 + EVENTS);
            long allocated = threads.getThreadAllocatedBytes(tid) - before;

            long deliveries = (long) SUBSCRIBERS * EVENTS;
            System.out.printf("fan-out allocation: %d bytes on the loop for %d deliveries (%.2f per delivery)%n",
                    allocated, deliveries, (double) allocated / deliveries);
            assertThat((double) allocated / deliveries).as("bytes the loop allocated per delivery").isLessThan(8.0);
        }
    }

    private void publishAndDrain(SseClientPool pool, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            sse.publish("room", SseEvent.data("message " + i));
            int expected = i + 1;
            assertThat(pool.pumpUntil(() -> pool.clients().stream().allMatch(c -> c.dataCount == expected),
                    Duration.ofSeconds(30))).isTrue();
        }
    }

    private int subscribers(String channel) {
        return sse.channels().stream().filter(c -> c.name().equals(channel))
                .mapToInt(ChannelStats::subscribers).findFirst().orElse(0);
    }
}
