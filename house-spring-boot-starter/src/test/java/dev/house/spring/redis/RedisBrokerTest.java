package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.sse.EventId;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.SseEvent;
import dev.house.spring.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several house nodes in one JVM sharing channels through a real redis-server. */
class RedisBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private TestRedis redis;
    private final List<Node> nodes = new ArrayList<>();
    private final List<EventStreamClient> clients = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = TestRedis.start();
    }

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
        return node(SseConfig.defaults());
    }

    private Node node(SseConfig config) {
        Node n = new Node(redis.uri(), config);
        nodes.add(n);
        return n;
    }

    /** Subscribes and waits until the node's broker has taken the subscriber in. */
    private EventStreamClient subscribe(Node node, String query, String lastEventId, String... channels) throws Exception {
        int before = 0;
        for (String ch : channels) {
            before += node.subscribers(ch);
        }
        EventStreamClient c = EventStreamClient.open(node.port(), "/events?" + query, lastEventId);
        clients.add(c);
        int expected = before + channels.length;
        assertThat(Await.until(WAIT, () -> {
            int now = 0;
            for (String ch : channels) {
                now += node.subscribers(ch);
            }
            return now == expected;
        })).as("subscriber taken in").isTrue();
        return c;
    }

    private static List<String> data(List<EventStreamClient.Event> events) {
        return events.stream().map(EventStreamClient.Event::data).toList();
    }

    @Test
    void deliversAnEventPublishedOnOneNodeToSubscribersOnEveryNode() throws Exception {
        Node a = node();
        Node b = node();
        EventStreamClient onA = subscribe(a, "channel=lobby", null, "lobby");
        EventStreamClient onB = subscribe(b, "channel=lobby", null, "lobby");

        EventId first = a.sse.publish("lobby", SseEvent.named("chat", "from a"));
        EventId second = b.sse.publish("lobby", "from b");

        for (EventStreamClient c : List.of(onA, onB)) {
            List<EventStreamClient.Event> got = c.events(2, WAIT);
            assertThat(got).containsExactly(new EventStreamClient.Event(first.toString(), "chat", "from a"),
                    new EventStreamClient.Event(second.toString(), null, "from b"));
        }
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void keepsChannelOrderUnderConcurrentPublishersOnDifferentNodes() throws Exception {
        Node a = node();
        Node b = node();
        Node c = node();
        List<EventStreamClient> subscribers = List.of(
                subscribe(a, "channel=race", null, "race"),
                subscribe(b, "channel=race", null, "race"),
                subscribe(c, "channel=race", null, "race"));
        int perPublisher = 300;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService publishers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<EventId>>> ids = new ArrayList<>();
            for (Node publisher : List.of(a, b)) {
                String tag = publisher == a ? "a" : "b";
                ids.add(publishers.submit(() -> {
                    go.await();
                    List<EventId> mine = new ArrayList<>();
                    for (int i = 0; i < perPublisher; i++) {
                        mine.add(publisher.sse.publish("race", tag + i));
                    }
                    return mine;
                }));
            }
            go.countDown();
            List<EventId> fromA = ids.get(0).get();
            List<EventId> fromB = ids.get(1).get();
            assertThat(fromA).isSorted();
            assertThat(fromB).isSorted();

            List<String> reference = null;
            for (EventStreamClient s : subscribers) {
                List<EventStreamClient.Event> got = s.events(2 * perPublisher, WAIT);
                List<EventId> seen = got.stream().map(e -> EventId.parse(e.id())).toList();
                assertThat(seen).as("ids strictly increasing").isSorted().doesNotHaveDuplicates();
                // Each publisher's events arrive in the order it published them.
                assertThat(data(got).stream().filter(d -> d.startsWith("a")).toList())
                        .containsExactlyElementsOf(numbered("a", perPublisher));
                assertThat(data(got).stream().filter(d -> d.startsWith("b")).toList())
                        .containsExactlyElementsOf(numbered("b", perPublisher));
                if (reference == null) {
                    reference = data(got);
                } else {
                    assertThat(data(got)).as("every node delivers the same order").isEqualTo(reference);
                }
            }
        } finally {
            publishers.shutdownNow();
        }
    }

    private static List<String> numbered(String tag, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(tag + i);
        }
        return out;
    }

    @Test
    void resumesOnAnotherNodeFromTheLastEventIdSeenOnTheFirst() throws Exception {
        Node a = node();
        Node b = node();
        EventStreamClient onA = subscribe(a, "channel=lobby", null, "lobby");
        a.sse.publish("lobby", "1");
        a.sse.publish("lobby", "2");
        List<EventStreamClient.Event> seen = onA.events(2, WAIT);
        assertThat(data(seen)).containsExactly("1", "2");

        // Node A shuts down: its stream ends with the retry hint; the client goes to node B.
        nodes.remove(a);
        a.close();
        assertThat(onA.awaitEnd(WAIT)).isTrue();
        b.sse.publish("lobby", "3");
        b.sse.publish("other", "not subscribed");
        b.sse.publish("lobby", "4");

        EventStreamClient onB = subscribe(b, "channel=lobby", seen.get(1).id(), "lobby");
        assertThat(data(onB.events(2, WAIT))).containsExactly("3", "4");
        b.sse.publish("lobby", "5");
        assertThat(data(onB.events(1, WAIT))).containsExactly("5");
        // Nothing twice: a late duplicate of 3, 4 or 5 would arrive before this marker.
        b.sse.publish("lobby", "marker");
        assertThat(data(onB.events(1, WAIT))).as("nothing twice").containsExactly("marker");
    }

    @Test
    void replaysSeveralChannelsMergedInIdOrderOnAnotherNode() throws Exception {
        Node a = node();
        Node b = node();
        EventId start = a.sse.publish("x", "0");
        a.sse.publish("y", "1");
        b.sse.publish("x", "2");
        a.sse.publish("y", "3");
        EventStreamClient onB = subscribe(b, "channel=x&channel=y", start.toString(), "x", "y");
        List<EventStreamClient.Event> got = onB.events(3, WAIT);
        assertThat(data(got)).containsExactly("1", "2", "3");
        a.sse.publish("x", "4");
        assertThat(data(onB.events(1, WAIT))).containsExactly("4");
    }

    @Test
    void sendsHistoryLostWhenTheResumePointWasTrimmed() throws Exception {
        Node a = node(SseConfig.builder().historySize(3).build());
        Node b = node(SseConfig.builder().historySize(3).build());
        EventId first = a.sse.publish("lobby", "1");
        for (int i = 2; i <= 6; i++) {
            a.sse.publish("lobby", Integer.toString(i));
        }
        EventStreamClient onB = subscribe(b, "channel=lobby", first.toString(), "lobby");
        EventStreamClient.Event lost = onB.events(1, WAIT).get(0);
        assertThat(lost.name()).isEqualTo(SseChannels.HISTORY_LOST_EVENT);
        assertThat(lost.data()).isEqualTo("{\"channels\":[\"lobby\"]}");
        assertThat(lost.id()).isNull();
        a.sse.publish("lobby", "7");
        assertThat(data(onB.events(1, WAIT))).as("live follows, no replay").containsExactly("7");
    }

    @Test
    void replaysWhatTheTrimmedHistoryStillCovers() throws Exception {
        Node a = node(SseConfig.builder().historySize(3).build());
        List<EventId> ids = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(a.sse.publish("lobby", Integer.toString(i)));
        }
        // 4, 5, 6 are retained; a client that saw 3 misses nothing.
        EventStreamClient c = subscribe(a, "channel=lobby", ids.get(2).toString(), "lobby");
        assertThat(data(c.events(3, WAIT))).containsExactly("4", "5", "6");
    }

    @Test
    void sendsHistoryLostForAnIdNeverIssued() throws Exception {
        Node a = node();
        a.sse.publish("lobby", "1");
        EventStreamClient c = subscribe(a, "channel=lobby", "99999999999999-0", "lobby");
        assertThat(c.events(1, WAIT).get(0).name()).isEqualTo(SseChannels.HISTORY_LOST_EVENT);
    }

    @Test
    void aNodeWithoutSubscribersOfAChannelReadsNoneOfItsEvents() throws Exception {
        Node busy = node();
        Node quiet = node();
        EventStreamClient onBusy = subscribe(busy, "channel=hot", null, "hot");
        EventStreamClient onQuiet = subscribe(quiet, "channel=cold", null, "cold");
        for (int i = 0; i < 50; i++) {
            busy.sse.publish("hot", "h" + i);
        }
        quiet.sse.publish("cold", "c");
        assertThat(onBusy.events(50, WAIT)).hasSize(50);
        assertThat(data(onQuiet.events(1, WAIT))).containsExactly("c");
        // The cold event came after every hot one: had the quiet node read "hot", it would have by now.
        assertThat(quiet.broker.receivedEvents()).isEqualTo(1);
        assertThat(busy.broker.receivedEvents()).isEqualTo(50);
    }

    @Test
    void aNodeReadsEachEventOnceHoweverManyLocalSubscribers() throws Exception {
        Node a = node();
        Node b = node();
        List<EventStreamClient> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(subscribe(b, "channel=lobby", null, "lobby"));
        }
        a.sse.publish("lobby", "once");
        for (EventStreamClient c : many) {
            assertThat(data(c.events(1, WAIT))).containsExactly("once");
        }
        assertThat(b.broker.receivedEvents()).isEqualTo(1);
    }

    @Test
    void refusesToPublishAnEventThatCarriesItsOwnId() {
        Node a = node();
        assertThatThrownBy(() -> a.sse.publish("lobby", SseEvent.builder().id("1-1").data("x").build()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.sse.publish("bad name", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
