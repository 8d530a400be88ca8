package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseReplayTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private SseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SseClient open(String pathAndQuery, String... headers) throws Exception {
        SseClient c = SseClient.open(server.port(), pathAndQuery, headers);
        assertThat(c.awaitHead(WAIT)).isEqualTo(200);
        return c;
    }

    private static List<String> data(List<SseParser.Event> events) {
        return events.stream().map(SseParser.Event::data).toList();
    }

    @Test
    void reconnectReceivesExactlyTheMissedEventsThenLive() throws Exception {
        server = SseServer.start(b -> b);
        String lastSeen;
        try (SseClient c = open("/events?channel=lobby")) {
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.sse.publish("lobby", "1");
            server.sse.publish("lobby", "2");
            List<SseParser.Event> got = c.dataEvents(2, WAIT);
            assertThat(data(got)).containsExactly("1", "2");
            lastSeen = got.get(1).id();
        }
        assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 0)).isTrue();
        server.sse.publish("lobby", "3");
        server.sse.publish("other", "not mine");
        server.sse.publish("lobby", "4");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: " + lastSeen)) {
            assertThat(data(c.dataEvents(2, WAIT))).containsExactly("3", "4");
            server.sse.publish("lobby", "5");
            List<SseParser.Event> next = c.dataEvents(1, WAIT);
            assertThat(data(next)).containsExactly("5");
            // Nothing twice: a late duplicate of 3, 4 or 5 would arrive before this marker.
            server.sse.publish("lobby", "marker");
            assertThat(data(c.dataEvents(1, WAIT))).containsExactly("marker");
        }
    }

    @Test
    void replayIdsAreThoseFirstSent() throws Exception {
        server = SseServer.start(b -> b);
        EventId first = server.sse.publish("lobby", "1");
        EventId second = server.sse.publish("lobby", "2");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: " + new EventId(first.millis(), first.sequence()).toString())) {
            SseParser.Event e = c.dataEvents(1, WAIT).get(0);
            assertThat(e.id()).isEqualTo(second.toString());
            assertThat(e.data()).isEqualTo("2");
        }
    }

    @Test
    void acceptsLastEventIdAsQueryParameter() throws Exception {
        server = SseServer.start(b -> b);
        EventId first = server.sse.publish("lobby", "1");
        server.sse.publish("lobby", "2");
        try (SseClient c = open("/events?channel=lobby&lastEventId=" + first)) {
            assertThat(data(c.dataEvents(1, WAIT))).containsExactly("2");
        }
    }

    @Test
    void replaysSeveralChannelsMergedInIdOrder() throws Exception {
        server = SseServer.start(b -> b);
        EventId start = server.sse.publish("a", "a0");
        server.sse.publish("b", "b1");
        server.sse.publish("a", "a2");
        server.sse.publish("c", "c3");
        server.sse.publish("b", "b4");
        try (SseClient c = open("/events?channel=a&channel=b", "Last-Event-ID: " + start)) {
            assertThat(data(c.dataEvents(3, WAIT))).containsExactly("b1", "a2", "b4");
        }
    }

    @Test
    void tooOldIdGetsHistoryLostEventFirst() throws Exception {
        server = SseServer.start(b -> b.historySize(2));
        EventId first = server.sse.publish("lobby", "1");
        server.sse.publish("lobby", "2");
        server.sse.publish("lobby", "3");
        server.sse.publish("lobby", "4");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: " + first)) {
            SseParser.Event lost = c.dataEvents(1, WAIT).get(0);
            assertThat(lost.name()).isEqualTo(SseChannels.HISTORY_LOST_EVENT).isEqualTo("house-history-lost");
            assertThat(lost.data()).isEqualTo("{\"channels\":[\"lobby\"]}");
            assertThat(lost.id()).isNull();
            server.sse.publish("lobby", "live");
            assertThat(data(c.dataEvents(1, WAIT))).containsExactly("live");
        }
    }

    @Test
    void historyLostNamesOnlyChannelsWithAGap() throws Exception {
        server = SseServer.start(b -> b.historySize(1));
        EventId start = server.sse.publish("quiet", "q0");
        server.sse.publish("busy", "b1");
        server.sse.publish("busy", "b2");
        server.sse.publish("quiet", "q3");
        try (SseClient c = open("/events?channel=busy&channel=quiet", "Last-Event-ID: " + start)) {
            List<SseParser.Event> got = c.dataEvents(2, WAIT);
            assertThat(got.get(0).name()).isEqualTo("house-history-lost");
            assertThat(got.get(0).data()).isEqualTo("{\"channels\":[\"busy\"]}");
            assertThat(got.get(1).data()).isEqualTo("q3");
        }
    }

    @Test
    void expiredHistoryCountsAsLost() throws Exception {
        server = SseServer.start(b -> b.historyTtl(Duration.ofMillis(50)));
        EventId first = server.sse.publish("lobby", "1");
        server.sse.publish("lobby", "2");
        assertThat(Poll.until(WAIT, () -> server.sse.channels().isEmpty())).isTrue();
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: " + first)) {
            assertThat(c.dataEvents(1, WAIT).get(0).name()).isEqualTo("house-history-lost");
        }
    }

    @Test
    void malformedIdGetsHistoryLostEvent() throws Exception {
        server = SseServer.start(b -> b);
        server.sse.publish("lobby", "1");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: not-an-id")) {
            assertThat(c.dataEvents(1, WAIT).get(0).name()).isEqualTo("house-history-lost");
        }
    }

    @Test
    void idFromTheFutureGetsHistoryLostEvent() throws Exception {
        server = SseServer.start(b -> b);
        EventId id = server.sse.publish("lobby", "1");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: " + new EventId(id.millis() + 60_000, 0))) {
            assertThat(c.dataEvents(1, WAIT).get(0).name()).isEqualTo("house-history-lost");
        }
    }

    @Test
    void idFromBeforeThisServerStartedGetsHistoryLostEvent() throws Exception {
        server = SseServer.start(b -> b);
        server.sse.publish("lobby", "1");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: 1000-0")) {
            assertThat(c.dataEvents(1, WAIT).get(0).name()).isEqualTo("house-history-lost");
        }
    }

    @Test
    void currentIdReplaysNothingAndLosesNothing() throws Exception {
        server = SseServer.start(b -> b);
        EventId last = server.sse.publish("lobby", "1");
        try (SseClient c = open("/events?channel=lobby", "Last-Event-ID: " + last)) {
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.sse.publish("lobby", "2");
            assertThat(data(c.dataEvents(1, WAIT))).containsExactly("2");
        }
    }

    @Test
    void eventQueuedForLiveDeliveryWhileResumingArrivesOnce() throws Exception {
        SseChannels sse = SseChannels.create();
        // One loop, and the handler publishes on it just before the subscription registers: the
        // event is both in history (so replayed) and already queued as a live task on this loop
        // (the first subscriber registered it). The client must see it once.
        dev.house.core.HouseServer house = dev.house.core.testing.TestServers.start(
                dev.house.core.handler.Router.builder()
                        .get("/events", sse::subscribe)
                        .get("/publish-while-opening", r -> sse.subscribe(r, List.of("lobby"),
                                stream -> sse.publish("lobby", "during-open")))
                        .build(), b -> b.eventLoops(1));
        try (SseClient first = SseClient.open(house.port(), "/events?channel=lobby")) {
            assertThat(first.awaitHead(WAIT)).isEqualTo(200);
            assertThat(Poll.until(WAIT, () -> sse.channels().size() == 1
                    && sse.channels().get(0).subscribers() == 1)).isTrue();
            EventId before = sse.publish("lobby", "before");
            try (SseClient resuming = SseClient.open(house.port(), "/publish-while-opening",
                    "Last-Event-ID: " + before)) {
                assertThat(resuming.awaitHead(WAIT)).isEqualTo(200);
                assertThat(data(resuming.dataEvents(1, WAIT))).containsExactly("during-open");
                sse.publish("lobby", "after");
                assertThat(data(resuming.dataEvents(1, WAIT))).containsExactly("after");
            }
        } finally {
            house.stop();
            sse.close();
        }
    }

    @Test
    void resumingDuringConcurrentPublishingSeesNoGapAndNoDuplicate() throws Exception {
        server = SseServer.start(b -> b.historySize(100_000).historyMemoryCap(256L * 1024 * 1024));
        int total = 4000;
        EventId start = server.sse.publish("race", "-1");
        Thread publisher = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                server.sse.publish("race", Integer.toString(i));
            }
        });
        List<List<SseParser.Event>> seen = new ArrayList<>();
        publisher.start();
        List<SseClient> clients = new ArrayList<>();
        try {
            // Clients resume from the start while events keep coming: each must see 0..total-1 once, in order.
            for (int k = 0; k < 8; k++) {
                clients.add(open("/events?channel=race", "Last-Event-ID: " + start));
            }
            publisher.join(30_000); // bounded: a blocked publish fails here instead of hanging the build
            assertThat(publisher.isAlive()).as("publisher still running after 30 s").isFalse();
            for (SseClient c : clients) {
                seen.add(c.dataEvents(total, Duration.ofSeconds(20)));
            }
        } finally {
            for (SseClient c : clients) {
                c.close();
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add(Integer.toString(i));
        }
        for (List<SseParser.Event> events : seen) {
            assertThat(data(events)).containsExactlyElementsOf(expected);
        }
    }
}
