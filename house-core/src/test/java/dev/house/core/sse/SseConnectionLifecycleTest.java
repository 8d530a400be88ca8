package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseConnectionLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private SseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SseClient subscribe(String channel) throws Exception {
        SseClient c = SseClient.open(server.port(), "/events?channel=" + channel);
        assertThat(c.awaitHead(WAIT)).isEqualTo(200);
        return c;
    }

    @Test
    void clientResetUnsubscribesWithinASecond() throws Exception {
        server = SseServer.start(b -> b);
        SseClient keep = subscribe("lobby");
        SseClient killed = subscribe("lobby");
        assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 2)).isTrue();
        killed.reset();
        assertThat(Poll.until(ONE_SECOND, () -> server.subscribers("lobby") == 1)).isTrue();
        assertThat(server.sse.stats().subscriptions()).isEqualTo(1);
        keep.close();
    }

    @Test
    void clientCloseUnsubscribesWithinASecond() throws Exception {
        server = SseServer.start(b -> b);
        SseClient keep = subscribe("lobby");
        SseClient leaving = subscribe("lobby");
        assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 2)).isTrue();
        leaving.close();
        assertThat(Poll.until(ONE_SECOND, () -> server.subscribers("lobby") == 1)).isTrue();
        keep.close();
    }

    @Test
    void channelWithoutSubscribersOrHistoryDisappears() throws Exception {
        server = SseServer.start(b -> b);
        SseClient c = subscribe("client-made-up-name");
        assertThat(Poll.until(WAIT, () -> server.subscribers("client-made-up-name") == 1)).isTrue();
        c.close();
        assertThat(Poll.until(ONE_SECOND, () -> server.sse.channels().isEmpty())).isTrue();
        assertThat(server.sse.stats().channels()).isZero();
    }

    @Test
    void heartbeatCommentArrivesOnIdleStream() throws Exception {
        server = SseServer.start(b -> b.heartbeat(Duration.ofMillis(100)));
        try (SseClient c = subscribe("lobby")) {
            SseParser.Event first = c.next(WAIT);
            assertThat(first.retry()).isNotNull();
            SseParser.Event beat = c.next(ONE_SECOND);
            assertThat(beat.isComment()).isTrue();
            assertThat(beat.comment()).isEmpty();
        }
    }

    @Test
    void busyStreamGetsNoHeartbeatWhileAnIdleOneDoes() throws Exception {
        // Compared with an idle stream in the same window, so a loaded machine's scheduling
        // hiccup (one stray heartbeat) cannot fail it, while heartbeats sent regardless of
        // activity (as many on the busy stream as on the idle one) do.
        server = SseServer.start(b -> b.heartbeat(Duration.ofMillis(400)));
        try (SseClient busy = subscribe("busy"); SseClient idle = subscribe("quiet")) {
            assertThat(busy.next(WAIT).retry()).isNotNull();
            assertThat(idle.next(WAIT).retry()).isNotNull();
            // the retry hint is written just before the broker registers the stream
            assertThat(Poll.until(WAIT, () -> server.subscribers("busy") == 1)).isTrue();
            long end = System.nanoTime() + Duration.ofMillis(2000).toNanos();
            int busyBeats = 0;
            int events = 0;
            while (System.nanoTime() < end) {
                server.sse.publish("busy", "tick");
                SseParser.Event e = busy.next(WAIT);
                if (e.isComment()) {
                    busyBeats++;
                    e = busy.next(WAIT);
                }
                assertThat(e.data()).isEqualTo("tick");
                events++;
                Thread.sleep(20); // the publisher's pace: far below the heartbeat interval
            }
            int idleBeats = 0;
            for (SseParser.Event e : idle.eventsWithin(Duration.ofMillis(200))) {
                if (e.isComment()) {
                    idleBeats++;
                }
            }
            assertThat(events).isGreaterThan(10);
            assertThat(idleBeats).as("heartbeats on the idle stream").isGreaterThanOrEqualTo(3);
            // Heartbeats sent regardless of activity give the busy stream as many as the idle one.
            assertThat(busyBeats * 2).as("twice the heartbeats on the busy stream (idle had %d)", idleBeats)
                    .isLessThan(idleBeats);
        }
    }

    @Test
    void serverShutdownSendsRetryHintThenEndsStream() throws Exception {
        server = SseServer.start(b -> b.retry(Duration.ofMillis(750)).retryOnOpen(false));
        try (SseClient c = subscribe("lobby")) {
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.server.stop();
            List<SseParser.Event> rest = c.readToEnd(WAIT);
            // One hint, jittered around the configured 750 ms (SseShutdownDrainTest checks the spread).
            assertThat(rest).extracting(SseParser.Event::retry).singleElement()
                    .satisfies(hint -> assertThat(hint).isBetween(375L, 1125L));
            assertThat(c.endedCleanly()).isTrue();
        }
        assertThat(server.subscribers("lobby")).isZero();
    }

    @Test
    void closingChannelsEndsStreamsWithRetryHintAndRefusesNewOnes() throws Exception {
        server = SseServer.start(b -> b.retry(Duration.ofMillis(750)).retryOnOpen(false));
        try (SseClient c = subscribe("lobby")) {
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.sse.close();
            assertThat(c.readToEnd(WAIT)).extracting(SseParser.Event::retry).containsExactly(750L);
        }
        try (SseClient late = SseClient.open(server.port(), "/events?channel=lobby")) {
            assertThat(late.awaitHead(WAIT)).isEqualTo(503);
        }
    }
}
