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
import dev.house.core.testing.ThreadWrites;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events that pile up for a loop (here: published while the loop is held busy) reach each
 * subscriber's socket in one write, counted from the kernel's side: the loop thread's write
 * system calls.
 */
class SseWriteCoalescingTest {
    private static final int SUBSCRIBERS = 200;
    private static final int EVENTS = 50;
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
    void fiftyEventsQueuedForALoopReachEachSubscriberInOneWrite() throws Exception {
        assumeTrue(ThreadWrites.available(), "needs Linux's per-thread /proc io counters");
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
                pool.open(server.port(), "/events?channel=burst", 0, true);
            }
            assertThat(Poll.until(Duration.ofSeconds(30), () -> subscribers("burst") == SUBSCRIBERS)).isTrue();
            pool.pumpUntil(() -> false, Duration.ofMillis(300)); // the response heads, read and gone

            // Hold the loop so that every event is queued before it delivers any.
            ThreadWrites.Held held = ThreadWrites.hold(loop.get());
            for (int i = 0; i < EVENTS; i++) {
                sse.publish("burst", SseEvent.data("event " + i + " " + "x".repeat(60)));
            }
            held.release();

            assertThat(pool.pumpUntil(() -> pool.clients().stream().allMatch(c -> c.dataCount == EVENTS),
                    Duration.ofSeconds(30))).as("every subscriber got every event").isTrue();
            long syscalls = held.writesSinceHeld();

            System.out.printf("write coalescing: %d subscribers x %d events queued: %d write syscalls (%.3f per delivery)%n",
                    SUBSCRIBERS, EVENTS, syscalls, (double) syscalls / (SUBSCRIBERS * EVENTS));
            for (SseClientPool.Client c : pool.clients()) {
                assertThat(c.dataEvents().get(0).data()).startsWith("event 0 ");
                assertThat(c.dataEvents().get(EVENTS - 1).data()).startsWith("event " + (EVENTS - 1) + " ");
            }
            // One write per subscriber; each event written on its own would be 50 per subscriber.
            assertThat(syscalls).as("write syscalls of the loop").isLessThanOrEqualTo(SUBSCRIBERS + SUBSCRIBERS / 10);
        }
    }

    private int subscribers(String channel) {
        return sse.channels().stream().filter(c -> c.name().equals(channel))
                .mapToInt(ChannelStats::subscribers).findFirst().orElse(0);
    }
}
