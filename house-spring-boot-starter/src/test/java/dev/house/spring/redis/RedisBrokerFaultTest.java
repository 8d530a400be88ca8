package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.sse.EventId;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.spring.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Redis going away and coming back, with nodes and streams open throughout. */
class RedisBrokerFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private TestRedis redis;
    private final List<Node> nodes = new ArrayList<>();
    private final List<EventStreamClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (EventStreamClient c : clients) {
            c.close();
        }
        for (Node n : nodes) {
            n.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Node node() {
        Node n = new Node(redis.uri(), SseConfig.defaults());
        nodes.add(n);
        return n;
    }

    private EventStreamClient subscribe(Node node, String channel) throws Exception {
        int before = node.subscribers(channel);
        EventStreamClient c = EventStreamClient.open(node.port(), "/events?channel=" + channel, null);
        clients.add(c);
        assertThat(Await.until(WAIT, () -> node.subscribers(channel) == before + 1)).isTrue();
        return c;
    }

    private static List<String> data(List<EventStreamClient.Event> events) {
        return events.stream().map(EventStreamClient.Event::data).toList();
    }

    @Test
    void publishFailsFastWhileRedisIsDownAndStreamsStayOpen() throws Exception {
        redis = TestRedis.start(true);
        Node a = node();
        EventStreamClient stream = subscribe(a, "lobby");
        a.sse.publish("lobby", "before");
        assertThat(data(stream.events(1, WAIT))).containsExactly("before");

        redis.kill();
        assertThat(Await.until(WAIT, () -> !a.broker.isHealthy())).as("broker reports Redis down").isTrue();
        assertThat(a.broker.problem()).isNotBlank();
        long start = System.nanoTime();
        assertThatThrownBy(() -> a.sse.publish("lobby", "during"))
                .isInstanceOf(RedisBrokerUnavailableException.class)
                .hasMessageContaining("Redis is unavailable");
        // At once, not after the 2 s publish timeout; 1 s leaves room for a loaded machine.
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("fails fast").isLessThan(1000);

        redis.restart();
        assertThat(Await.until(WAIT, a.broker::isHealthy)).as("reconnects").isTrue();
        a.sse.publish("lobby", "after");
        assertThat(data(stream.events(1, WAIT))).as("the same stream carries on").containsExactly("after");
    }

    @Test
    void refusesToPublishOnAnEventLoop() throws Exception {
        redis = TestRedis.start();
        Node a = node();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        a.server.eventLoops().get(0).execute(() -> {
            try {
                a.sse.publish("lobby", "x");
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event loop");
    }

    /**
     * Redis with an append-only file (fsync always) is killed and restarted while a publisher on
     * node A keeps going: the subscriber on node B receives every event Redis acknowledged,
     * exactly once and in id order.
     */
    @Test
    void losesNoRetainedEventWhenRedisRestartsMidStream() throws Exception {
        redis = TestRedis.start(true);
        Node a = node();
        Node b = node();
        EventStreamClient stream = subscribe(b, "lobby");
        List<EventId> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread publisher = new Thread(() -> {
            int n = 0;
            while (publishing.get()) {
                try {
                    acknowledged.add(a.sse.publish("lobby", "e" + n));
                } catch (RedisBrokerUnavailableException down) {
                    // not acknowledged; it may or may not be stored
                }
                n++;
            }
        }, "publisher");
        publisher.start();
        try {
            assertThat(Await.until(WAIT, () -> acknowledged.size() >= 50)).isTrue();
            redis.restart();
            int before = acknowledged.size();
            assertThat(Await.until(WAIT, () -> acknowledged.size() >= before + 50)).as("publishing resumed").isTrue();
        } finally {
            publishing.set(false);
            publisher.join(10_000);
        }
        List<EventId> expected;
        synchronized (acknowledged) {
            expected = new ArrayList<>(acknowledged);
        }
        List<EventId> received = new ArrayList<>();
        EventId newest = expected.get(expected.size() - 1);
        while (received.isEmpty() || received.get(received.size() - 1).compareTo(newest) < 0) {
            for (EventStreamClient.Event e : stream.events(1, WAIT)) {
                assertThat(e.name()).as("no history lost").isNotEqualTo(SseChannels.HISTORY_LOST_EVENT);
                received.add(EventId.parse(e.id()));
            }
        }
        assertThat(received).isSorted().doesNotHaveDuplicates().containsAll(expected);
    }

    /**
     * Without persistence a restart empties Redis: events after the node's position are gone, so
     * its subscribers are told (history lost) instead of silently missing them, and live goes on.
     */
    @Test
    void tellsSubscribersWhenRedisLostItsDataInARestart() throws Exception {
        redis = TestRedis.start(false);
        Node a = node();
        Node b = node();
        EventStreamClient stream = subscribe(b, "lobby");
        a.sse.publish("lobby", "1");
        assertThat(data(stream.events(1, WAIT))).containsExactly("1");

        redis.restart();
        assertThat(Await.until(WAIT, () -> a.broker.isHealthy() && b.broker.isHealthy())).isTrue();
        EventStreamClient.Event lost = stream.events(1, WAIT).get(0);
        assertThat(lost.name()).isEqualTo(SseChannels.HISTORY_LOST_EVENT);
        a.sse.publish("lobby", "2");
        assertThat(data(stream.events(1, WAIT))).containsExactly("2");
    }

    /**
     * While one node cannot reconnect after an outage, the other publishes more than the history
     * holds: the late node cannot deliver the trimmed events, so it says so. The late node logs in
     * as a Redis user that the restart forgets (ACL users are configuration, not data), so it stays
     * away by state, not by a back-off outlasting the test's steps, until the user is made again.
     */
    @Test
    void tellsSubscribersWhenHistoryWasTrimmedBeforeTheirNodeCaughtUp() throws Exception {
        redis = TestRedis.start(true);
        SseConfig small = SseConfig.builder().historySize(3).build();
        Node fast = new Node(redis.uri(), small);
        nodes.add(fast);
        String lateUser = "ACL SETUSER late on >late-secret ~* &* +@all";
        assertThat(redis.command(lateUser)).isEqualTo("+OK");
        Node late = new Node("redis://late:late-secret@127.0.0.1:" + redis.port(), small);
        nodes.add(late);
        EventStreamClient stream = subscribe(late, "lobby");
        fast.sse.publish("lobby", "seen");
        assertThat(data(stream.events(1, WAIT))).containsExactly("seen");

        redis.restart();
        assertThat(Await.until(WAIT, fast.broker::isHealthy)).isTrue();
        for (int i = 0; i < 10; i++) {
            fast.sse.publish("lobby", "m" + i);
        }
        assertThat(late.broker.isHealthy()).as("late node still locked out").isFalse();
        assertThat(redis.command(lateUser)).isEqualTo("+OK");
        EventStreamClient.Event lost = stream.events(1, WAIT).get(0);
        assertThat(lost.name()).isEqualTo(SseChannels.HISTORY_LOST_EVENT);
        assertThat(lost.data()).isEqualTo("{\"channels\":[\"lobby\"]}");
        // What is still retained follows, in order.
        assertThat(data(stream.events(3, WAIT))).containsExactly("m7", "m8", "m9");
    }

    /** A client that connects while Redis is away gets its stream; replay and live follow Redis's return. */
    @Test
    void takesInASubscriberThatArrivedWhileRedisWasDown() throws Exception {
        redis = TestRedis.start(true);
        Node a = node();
        Node b = node();
        EventId before = a.sse.publish("lobby", "1");
        a.sse.publish("lobby", "2");

        redis.kill();
        assertThat(Await.until(WAIT, () -> !b.broker.isHealthy())).isTrue();
        EventStreamClient stream = EventStreamClient.open(b.port(), "/events?channel=lobby", before.toString());
        clients.add(stream);
        assertThat(stream.eventsWithin(Duration.ofMillis(200))).as("waits while Redis is down").isEmpty();

        redis.restart();
        assertThat(data(stream.events(1, WAIT))).as("replay once Redis is back").containsExactly("2");
        assertThat(Await.until(WAIT, a.broker::isHealthy)).isTrue();
        a.sse.publish("lobby", "3");
        assertThat(data(stream.events(1, WAIT))).containsExactly("3");
    }
}
