package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Presence over real sockets: {@code GET /room?as=ann} subscribes to channel {@code room} as
 * identity {@code ann} (the handler's choice, here taken from a query parameter it trusts in the
 * test), {@code GET /room} anonymously. Channel {@code room} has join/leave events.
 */
class SsePresenceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private SseChannels sse;
    private HouseServer server;
    private final List<SseClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (SseClient c : clients) {
            c.close();
        }
        server.stop();
        sse.close();
    }

    private void start(UnaryOperator<SseConfig.Builder> config) {
        sse = SseChannels.builder()
                .config(config.apply(SseConfig.builder().presenceBatch(Duration.ofMillis(50))).build())
                .presenceEvents("room"::equals)
                .build();
        server = TestServers.start(Router.builder()
                .get("/room", this::subscribe)
                .get("/quiet", r -> sse.subscribe(r, List.of("quiet"), identity(r), null))
                .build());
    }

    private Response subscribe(Request request) {
        return sse.subscribe(request, List.of("room"), identity(request), null);
    }

    private static Presence identity(Request request) {
        String as = request.queryParameter("as");
        return as == null ? null : Presence.of(as, "{\"name\":\"" + as + "\"}");
    }

    private SseClient open(String path) throws IOException {
        SseClient c = SseClient.open(server.port(), path);
        clients.add(c);
        assertThat(c.awaitHead(WAIT)).isEqualTo(200);
        return c;
    }

    /** Opens a stream and waits until the server counts it. */
    private SseClient join(String path, String channel) throws Exception {
        int before = sse.subscriberCount(channel);
        SseClient c = open(path);
        assertThat(Poll.until(WAIT, () -> sse.subscriberCount(channel) == before + 1)).isTrue();
        return c;
    }

    /** The next house-join, house-leave or marker event, as "join:[ids]", "leave:[ids]" or "marker". */
    private static String nextPresenceEvent(SseClient c) throws IOException {
        while (true) {
            SseParser.Event e = c.nextEvent(WAIT);
            if ("marker".equals(e.name())) {
                return "marker";
            }
            if (PresenceTracker.JOIN_EVENT.equals(e.name()) || PresenceTracker.LEAVE_EVENT.equals(e.name())) {
                return (e.name().equals(PresenceTracker.JOIN_EVENT) ? "join:" : "leave:") + ids(e.data());
            }
        }
    }

    /** The ids listed in a presence event's data, in order. */
    private static List<String> ids(String json) {
        List<String> ids = new ArrayList<>();
        int at = 0;
        while ((at = json.indexOf("{\"id\":\"", at)) >= 0) {
            int start = at + 7;
            int end = json.indexOf('"', start);
            ids.add(json.substring(start, end));
            at = end;
        }
        return ids;
    }

    /** Publishes a marker event after {@code quiet}: what a watcher reads before it came meanwhile. */
    private void markAfter(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        sse.publish("room", SseEvent.named("marker", "-"));
    }

    @Test
    void countsSubscribersAndDistinctIdentitiesOfAChannel() throws Exception {
        start(b -> b);
        join("/quiet?as=ann", "quiet");
        join("/quiet?as=ann", "quiet");
        join("/quiet?as=bob", "quiet");
        join("/quiet", "quiet");

        ChannelPresence p = sse.presence("quiet");
        assertThat(p.subscribers()).isEqualTo(4);
        assertThat(p.identities()).isEqualTo(2);
        assertThat(p.members()).containsExactly(
                Presence.of("ann", "{\"name\":\"ann\"}"), Presence.of("bob", "{\"name\":\"bob\"}"));
        assertThat(p.complete()).isTrue();
        assertThat(sse.presentIdentities()).isEqualTo(2);
        assertThat(sse.presence("nowhere")).isEqualTo(new ChannelPresence("nowhere", 0, 0, List.of(), true));
    }

    @Test
    void secondTabOfAnIdentityAnnouncesNoSecondJoin() throws Exception {
        start(b -> b);
        SseClient watcher = join("/room", "room");
        join("/room?as=ann", "room");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        join("/room?as=ann", "room");
        markAfter(Duration.ofMillis(400));
        assertThat(nextPresenceEvent(watcher)).isEqualTo("marker");
        assertThat(sse.presence("room").identities()).isEqualTo(1);
    }

    @Test
    void identityLeavesOnceWhenItsLastTabCloses() throws Exception {
        start(b -> b.presenceGrace(Duration.ZERO));
        SseClient watcher = join("/room", "room");
        SseClient tab1 = join("/room?as=ann", "room");
        SseClient tab2 = join("/room?as=ann", "room");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        tab1.close();
        assertThat(Poll.until(WAIT, () -> sse.subscriberCount("room") == 2)).isTrue();
        markAfter(Duration.ofMillis(400));
        assertThat(nextPresenceEvent(watcher)).isEqualTo("marker");

        tab2.close();
        assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[ann]");
        assertThat(sse.presence("room").identities()).isZero();
    }

    @Test
    void identityLeavesWhenItsConnectionIsReset() throws Exception {
        start(b -> b.presenceGrace(Duration.ZERO));
        SseClient watcher = join("/room", "room");
        SseClient ann = join("/room?as=ann", "room");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        ann.socket().setSoLinger(true, 0); // close sends RST
        ann.close();
        assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[ann]");
    }

    @Test
    void identityLeavesWhenCutOffAsTooSlow() throws Exception {
        start(b -> b.presenceGrace(Duration.ZERO).maxPendingBytes(16 * 1024).historySize(1));
        SseClient watcher = join("/room", "room");
        try (SseClientPool pool = new SseClientPool()) {
            pool.open(server.port(), "/room?as=slow", 4096, false);
            assertThat(Poll.until(WAIT, () -> sse.subscriberCount("room") == 2)).isTrue();
            assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[slow]");

            String payload = "x".repeat(8 * 1024);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (sse.stats().droppedSlow() == 0 && System.nanoTime() < deadline) {
                sse.publish("room", payload); // unnamed: the watcher reads past them
                for (SseParser.Event e = null; e == null || e.data() == null; ) {
                    e = watcher.nextEvent(WAIT);
                }
            }
            assertThat(sse.stats().droppedSlow()).isEqualTo(1);
            assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[slow]");
        }
    }

    @Test
    void reconnectWithinTheGracePeriodShowsNoLeaveAndNoJoin() throws Exception {
        start(b -> b.presenceGrace(Duration.ofSeconds(2)));
        SseClient watcher = join("/room", "room");
        SseClient ann = join("/room?as=ann", "room");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        ann.close();
        assertThat(Poll.until(WAIT, () -> sse.subscriberCount("room") == 1)).isTrue();
        Thread.sleep(500); // ten batches: without the grace, the leave would be out by now
        join("/room?as=ann", "room");
        markAfter(Duration.ofMillis(3000));
        assertThat(nextPresenceEvent(watcher)).isEqualTo("marker");
        assertThat(sse.presence("room").identities()).isEqualTo(1);
    }

    @Test
    void leaveComesOnlyAfterTheGracePeriod() throws Exception {
        Duration grace = Duration.ofMillis(1500);
        start(b -> b.presenceGrace(grace));
        SseClient watcher = join("/room", "room");
        SseClient ann = join("/room?as=ann", "room");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        ann.close();
        assertThat(Poll.until(WAIT, () -> sse.subscriberCount("room") == 1)).isTrue();
        long closedAt = System.nanoTime();
        assertThat(sse.presence("room").identities()).as("still present during the grace").isEqualTo(1);
        assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[ann]");
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isGreaterThanOrEqualTo(grace.minusMillis(100));
    }

    @Test
    void joinStormReachesEachSubscriberAsAFewBatchedEvents() throws Exception {
        int n = 300;
        start(b -> b.presenceBatch(Duration.ofMillis(500)).maxPresenceAnswer(1000));
        try (SseClientPool pool = new SseClientPool()) {
            for (int i = 0; i < n; i++) {
                pool.open(server.port(), "/room?as=user-" + i, 0, true);
            }
            List<SseClientPool.Client> all = pool.clients();
            // Every client learns of every later joiner; the first one of all of them.
            assertThat(pool.pumpUntil(() -> joinedIds(all.get(0)) == n, WAIT)).isTrue();
            pool.pumpUntil(() -> false, Duration.ofMillis(700)); // later batches, if any, arrive

            long joinEvents = all.stream().mapToLong(SsePresenceTest::joinEvents).sum();
            System.out.printf("join storm: %d clients, %d join events delivered (%.1f per client)%n",
                    n, joinEvents, (double) joinEvents / n);
            // One event per join would be n * n / 2 = 45,000 deliveries.
            assertThat(joinEvents).isLessThan(10L * n);
            assertThat(sse.presence("room").identities()).isEqualTo(n);
        }
    }

    private static long joinEvents(SseClientPool.Client c) {
        return c.events.stream().filter(e -> PresenceTracker.JOIN_EVENT.equals(e.name())).count();
    }

    private static int joinedIds(SseClientPool.Client c) {
        return c.events.stream().filter(e -> PresenceTracker.JOIN_EVENT.equals(e.name()))
                .mapToInt(e -> ids(e.data()).size()).sum();
    }

    @Test
    void presenceAnswerListsNoMoreThanTheConfiguredMaximum() throws Exception {
        start(b -> b.maxPresenceAnswer(5));
        for (int i = 0; i < 12; i++) {
            join("/quiet?as=user-" + i, "quiet");
        }

        ChannelPresence p = sse.presence("quiet");
        assertThat(p.members()).hasSize(5);
        assertThat(p.identities()).isEqualTo(12);
        assertThat(p.complete()).isFalse();
        assertThat(sse.presence("quiet", 3).members()).extracting(Presence::id)
                .containsExactly("user-0", "user-1", "user-2");
        assertThat(sse.presence("quiet", 1000).members()).hasSize(5);
    }
}
