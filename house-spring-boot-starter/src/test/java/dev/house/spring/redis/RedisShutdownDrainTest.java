package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.SseConfig;
import dev.house.spring.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node of a two-node cluster stops while events flow: its 2,000 streams end spread over the
 * stream drain, each client resumes on the other node with {@code Last-Event-ID}, as a browser
 * behind a load balancer would, and every client ends up with every event once, in order.
 */
class RedisShutdownDrainTest {
    private static final int CLIENTS = 2000;
    private static final Duration DRAIN = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private TestRedis redis;
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = TestRedis.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Node n : nodes) {
            n.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Node node() {
        Node n = new Node(redis.uri(), SseConfig.builder().historySize(10_000).build(),
                RedisBrokerSettings.builder().reconnect(Duration.ofMillis(20), Duration.ofMillis(200)),
                server -> server.maxConnections(5000).shutdownGracePeriod(DRAIN.plusSeconds(10)).streamDrain(DRAIN));
        nodes.add(n);
        return n;
    }

    @Test
    void everyClientOfAStoppingNodeResumesOnTheOtherWithNoEventLost() throws Exception {
        Node stopping = node();
        Node staying = node();
        AtomicInteger published = new AtomicInteger();
        AtomicBoolean publishing = new AtomicBoolean(true);
        CountDownLatch publishedAll = new CountDownLatch(1);
        CountDownLatch seenOne = new CountDownLatch(CLIENTS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<List<String>>> received = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                received.add(clients.submit(() -> {
                    List<String> data = new ArrayList<>();
                    String lastId = null;
                    try (EventStreamClient first = EventStreamClient.open(stopping.port(), "/events?channel=drain", null)) {
                        List<EventStreamClient.Event> events = new ArrayList<>(first.events(1, WAIT));
                        seenOne.countDown(); // has an id to resume from, as a browser would
                        events.addAll(first.eventsWithin(WAIT)); // until the node ends the stream
                        for (EventStreamClient.Event e : events) {
                            data.add(e.data());
                            lastId = e.id();
                        }
                    }
                    try (EventStreamClient second = EventStreamClient.open(staying.port(), "/events?channel=drain", lastId)) {
                        publishedAll.await();
                        for (EventStreamClient.Event e : second.events(published.get() - data.size(), WAIT)) {
                            data.add(e.data());
                        }
                    }
                    return data;
                }));
            }
            assertThat(Await.until(WAIT, () -> stopping.subscribers("drain") == CLIENTS)).as("all subscribed").isTrue();

            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                while (publishing.get()) {
                    staying.sse.publish("drain", "e" + published.getAndIncrement());
                    sleep(10);
                }
            });
            assertThat(seenOne.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("every client got an event").isTrue();
            int beforeStop = published.get();
            stopping.server.stop(); // returns once every stream has ended, spread over the drain
            int duringStop = published.get() - beforeStop;
            sleep(500);
            publishing.set(false);
            publisher.get(30, TimeUnit.SECONDS);
            publishedAll.countDown();

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < published.get(); i++) {
                expected.add("e" + i);
            }
            assertThat(duringStop).as("events published while the streams were being ended").isGreaterThan(10);
            for (Future<List<String>> client : received) {
                assertThat(client.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // pacing the publisher and the scenario, not a timing assertion
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
