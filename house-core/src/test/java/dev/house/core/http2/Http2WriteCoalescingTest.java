package dev.house.core.http2;

import static dev.house.core.http2.H2SocketClient.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.io.EventLoop;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import dev.house.core.testing.TestServers;
import dev.house.core.testing.ThreadWrites;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One event to many SSE streams of one HTTP/2 connection reaches the socket in one write, counted
 * from the kernel's side: the loop thread's write system calls.
 */
class Http2WriteCoalescingTest {
    private static final int STREAMS = 50;
    private final SseChannels sse = SseChannels.create();
    private final AtomicReference<EventLoop> loop = new AtomicReference<>();
    private HouseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        sse.close();
    }

    @Test
    void anEventToFiftyStreamsOfOneConnectionLeavesInOneWrite() throws Exception {
        assumeTrue(ThreadWrites.available(), "needs Linux's per-thread /proc io counters");
        server = TestServers.start(Router.builder()
                .get("/events", r -> sse.subscribe(r, List.of("room")))
                .route(HttpMethod.GET, "/loop", r -> {
                    loop.set(EventLoop.current());
                    return Response.text("ok");
                }, Execution.EVENT_LOOP)
                .build(), b -> b.eventLoops(1));
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.get(1, "/loop");
            await(() -> client.text(1).equals("ok"), "the loop's answer");
            for (int i = 0; i < STREAMS; i++) {
                int id = 3 + 2 * i;
                client.flowing.add(id);
                client.get(id, "/events");
            }
            await(() -> sse.subscriberCount("room") == STREAMS, "every subscription");
            await(() -> client.frames.stream().filter(f -> f.startsWith("HEADERS")).count() == STREAMS + 1,
                    "every response head");
            Thread.sleep(300); // what the subscriptions wrote on opening, read and gone

            // Hold the loop so that the event reaches every stream in one pass, however the
            // publishing thread hands it over.
            ThreadWrites.Held held = ThreadWrites.hold(loop.get());
            sse.publish("room", SseEvent.data("hello everyone"));
            held.release();

            for (int i = 0; i < STREAMS; i++) {
                int id = 3 + 2 * i;
                await(() -> client.text(id).contains("data: hello everyone\n\n"), "the event on stream " + id);
            }
            long syscalls = held.writesSinceHeld();
            System.out.printf("h2 write coalescing: 1 event to %d streams of one connection: %d write syscalls%n",
                    STREAMS, syscalls);
            // One write for the whole pass; a write per stream would be 50.
            assertThat(syscalls).as("write syscalls of the loop").isLessThanOrEqualTo(2);
        }
    }
}
