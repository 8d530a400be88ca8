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
    void busyStreamGetsNoHeartbeat() throws Exception {
        // The margin is wide (a 1 s heartbeat against a 20 ms publisher) so a loaded machine's
        // scheduling hiccups cannot pass for idleness.
        server = SseServer.start(b -> b.heartbeat(Duration.ofSeconds(1)));
        try (SseClient c = subscribe("lobby")) {
            assertThat(c.next(WAIT).retry()).isNotNull();
            // The retry hint is written just before the broker registers the stream: an event
            // published in between would be missed and the client would sit idle into a heartbeat.
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            int events = 0;
            while (System.nanoTime() < end) {
                server.sse.publish("lobby", "tick");
                SseParser.Event e = c.next(WAIT);
                assertThat(e.isComment()).as("heartbeat on a stream written every few ms").isFalse();
                events++;
                Thread.sleep(20); // the publisher's pace: the stream never idles for 1 s
            }
            assertThat(events).isPositive();
        }
    }

    @Test
    void serverShutdownSendsRetryHintThenEndsStream() throws Exception {
        server = SseServer.start(b -> b.retry(Duration.ofMillis(750)).retryOnOpen(false));
        try (SseClient c = subscribe("lobby")) {
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.server.stop();
            List<SseParser.Event> rest = c.readToEnd(WAIT);
            assertThat(rest).extracting(SseParser.Event::retry).containsExactly(750L);
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
