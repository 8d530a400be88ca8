package dev.house.core.http2;

import static dev.house.core.http2.H2SocketClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SSE over HTTP/2 streams on a real socket: several subscriptions share one connection, each
 * keeps the HTTP/1.1 guarantees (retry first, replay exactly once), a reset or a stalled stream
 * leaves its siblings alone.
 */
class Http2SseTest {
    private SseChannels sse;
    private HouseServer server;

    @BeforeEach
    void start() {
        sse = SseChannels.builder().config(SseConfig.builder().heartbeat(Duration.ofMillis(300))
                .maxPendingBytes(4096).build()).build();
        server = TestServers.start(Router.builder()
                .get("/events", r -> sse.subscribe(r, List.of(r.queryParameter("c"))))
                .build());
    }

    @AfterEach
    void stop() {
        server.stop();
        sse.close();
    }

    @Test
    void resettingOneStreamUnsubscribesItAndItsSiblingsKeepReceiving() throws Exception {
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.flowing.addAll(List.of(1, 3, 5));
            client.get(1, "/events?c=lobby");
            client.get(3, "/events?c=lobby");
            client.get(5, "/events?c=lobby");
            await(() -> sse.subscriberCount("lobby") == 3, "three subscribers on one connection");
            // Subscribed on the server does not mean the client has read the HEADERS yet.
            await(() -> client.frames.stream().anyMatch(f -> f.startsWith("HEADERS 3 [:status=200")
                    && f.contains("content-type=text/event-stream")), "stream 3's event-stream HEADERS");
            sse.publish("lobby", "first");
            await(() -> client.text(1).contains("data: first") && client.text(3).contains("data: first")
                    && client.text(5).contains("data: first"), "first event on all three streams");
            assertThat(client.text(3)).startsWith("retry:");

            client.rst(3, Http2Error.CANCEL);
            await(() -> sse.subscriberCount("lobby") == 2, "the reset stream unsubscribed");
            sse.publish("lobby", "second");
            await(() -> client.text(1).contains("data: second") && client.text(5).contains("data: second"),
                    "second event on the siblings");
            await(() -> client.text(1).contains(": ") || client.text(1).contains(":\n"), "a heartbeat");
            assertThat(client.text(3)).doesNotContain("data: second");
            assertThat(client.closedByServer).isFalse();
        }
    }

    @Test
    void aStalledStreamIsCutWhileASiblingKeepsFlowing() throws Exception {
        // The client grants each stream 1,024 bytes and then window only to stream 1.
        try (H2SocketClient client = new H2SocketClient(server.port(), Http2Settings.INITIAL_WINDOW_SIZE, 1024)) {
            client.flowing.add(1);
            client.get(1, "/events?c=news");
            client.get(3, "/events?c=news");
            await(() -> sse.subscriberCount("news") == 2, "two subscribers");
            String payload = "x".repeat(500);
            for (int i = 0; i < 40; i++) {
                sse.publish("news", payload + i);
                String event = payload + i + "\n";
                await(() -> client.text(1).contains(event), "the event on the flowing stream");
            }
            await(() -> client.sawFrame("RST_STREAM 3 CANCEL"), "the stalled stream reset");
            assertThat(sse.subscriberCount("news")).isEqualTo(1);
            assertThat(sse.stats().droppedSlow()).isEqualTo(1);
            assertThat(client.text(3)).doesNotContain(payload + 39);
            assertThat(client.closedByServer).isFalse();
        }
    }

    @Test
    void theConnectionsWaitingBytesAreBoundedByCuttingTheFattestStream() throws Exception {
        // Per-stream bound far away (64 KiB); the connection's streams together may hold 6 KiB.
        SseChannels wide = SseChannels.builder().config(SseConfig.builder().maxPendingBytes(64 * 1024).build()).build();
        HouseServer bounded = TestServers.start(Router.builder()
                .get("/events", r -> wide.subscribe(r, List.of("a")))
                .build(), b -> b.maxPendingOutput(6 * 1024));
        try (H2SocketClient client = new H2SocketClient(bounded.port(), Http2Settings.INITIAL_WINDOW_SIZE, 1024)) {
            client.flowing.add(5);
            client.get(1, "/events");
            client.get(3, "/events");
            client.get(5, "/events");
            await(() -> wide.subscriberCount("a") == 3, "three subscribers");
            String payload = "y".repeat(1000);
            for (int i = 0; i < 10; i++) {
                wide.publish("a", payload + i);
                String event = payload + i + "\n";
                await(() -> client.text(5).contains(event), "the event on the flowing stream");
            }
            await(() -> client.sawFrame("RST_STREAM 1 CANCEL") && client.sawFrame("RST_STREAM 3 CANCEL"),
                    "both stalled streams reset");
            assertThat(wide.subscriberCount("a")).isEqualTo(1);
            assertThat(client.closedByServer).isFalse();
        } finally {
            bounded.stop();
            wide.close();
        }
    }

    @Test
    void lastEventIdIsReplayedExactlyOnceOverH2() throws Exception {
        EventId first = sse.publish("room", "one");
        sse.publish("room", "two");
        sse.publish("room", "three");
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.flowing.add(1);
            client.get(1, "/events?c=room", "last-event-id: " + first);
            await(() -> client.text(1).contains("data: three"), "the replay");
            sse.publish("room", "four");
            await(() -> client.text(1).contains("data: four"), "a live event after the replay");
            String text = client.text(1);
            assertThat(text).doesNotContain("data: one");
            assertThat(text.split("data: two", -1)).hasSize(2);
            assertThat(text.split("data: three", -1)).hasSize(2);
            assertThat(text.indexOf("data: two")).isLessThan(text.indexOf("data: three"));
        }
    }
}
