package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseFanOutTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Set<String> subscriberLoops = ConcurrentHashMap.newKeySet();
    private SseChannels sse;
    private HouseServer server;

    private void start(SseConfig config) {
        sse = SseChannels.builder().config(config).build();
        server = TestServers.start(Router.builder()
                .get("/events", r -> sse.subscribe(r, r.queryParameters().get("channel"),
                        stream -> subscriberLoops.add(Thread.currentThread().getName())))
                .build(), b -> b.maxConnections(5000));
    }

    @AfterEach
    void stop() {
        server.stop();
        sse.close();
    }

    private int subscribers(String channel) {
        return sse.channels().stream().filter(c -> c.name().equals(channel))
                .mapToInt(ChannelStats::subscribers).findFirst().orElse(0);
    }

    @Test
    void onePublishReachesAThousandSubscribersOnEveryLoop() throws Exception {
        start(SseConfig.defaults());
        int n = 1000;
        try (SseClientPool pool = new SseClientPool()) {
            for (int i = 0; i < n; i++) {
                pool.open(server.port(), "/events?channel=fan", 0, true);
            }
            assertThat(pool.pumpUntil(() -> subscribers("fan") == n, WAIT)).isTrue();
            assertThat(subscriberLoops).hasSize(server.eventLoops().size()).hasSizeGreaterThan(1);

            EventId id = sse.publish("fan", SseEvent.named("news", "to everyone"));

            assertThat(pool.pumpUntil(() -> pool.clients().stream().allMatch(c -> c.dataCount == 1), WAIT))
                    .isTrue();
            for (SseClientPool.Client c : pool.clients()) {
                SseParser.Event e = c.dataEvents().get(0);
                assertThat(e.id()).isEqualTo(id.toString());
                assertThat(e.data()).isEqualTo("to everyone");
            }
            assertThat(sse.channels().get(0).delivered()).isEqualTo(n);
        }
    }

    @Test
    void publishersOnManyThreadsKeepPerChannelOrder() throws Exception {
        start(SseConfig.defaults());
        String[] channels = {"c0", "c1", "c2"};
        int threads = 6;
        int perThread = 150;
        try (SseClientPool pool = new SseClientPool()) {
            List<List<String>> subscriptions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                List<String> mine = i % 3 == 0 ? List.of("c0", "c1", "c2") : List.of(channels[i % 3]);
                subscriptions.add(mine);
                StringBuilder q = new StringBuilder("/events?");
                for (String ch : mine) {
                    q.append("channel=").append(ch).append('&');
                }
                pool.open(server.port(), q.toString(), 0, true);
            }
            assertThat(pool.pumpUntil(() -> subscribers("c0") == 10 && subscribers("c1") == 20
                    && subscribers("c2") == 20, WAIT)).isTrue();

            CountDownLatch go = new CountDownLatch(1);
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread p = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        for (String ch : channels) {
                            sse.publish(ch, ch + ":" + thread + ":" + i);
                        }
                    }
                });
                p.start();
                publishers.add(p);
            }
            go.countDown();
            int perChannel = threads * perThread;
            assertThat(pool.pumpUntil(() -> {
                for (int i = 0; i < subscriptions.size(); i++) {
                    if (pool.clients().get(i).dataCount < subscriptions.get(i).size() * perChannel) {
                        return false;
                    }
                }
                return true;
            }, Duration.ofSeconds(60))).isTrue();
            for (Thread p : publishers) {
                p.join(30_000); // bounded: a blocked publish fails here instead of hanging the build
                assertThat(p.isAlive()).as("publisher %s still running after 30 s", p.getName()).isFalse();
            }

            for (int i = 0; i < subscriptions.size(); i++) {
                List<SseParser.Event> got = pool.clients().get(i).dataEvents();
                assertThat(got).hasSize(subscriptions.get(i).size() * perChannel);
                EventId previous = null;
                Map<String, Integer> nextByChannelThread = new HashMap<>();
                for (SseParser.Event e : got) {
                    EventId id = EventId.parse(e.id());
                    if (previous != null) {
                        assertThat(id).isGreaterThan(previous); // one order across all channels
                    }
                    previous = id;
                    String[] parts = e.data().split(":");
                    assertThat(subscriptions.get(i)).contains(parts[0]);
                    String key = parts[0] + ":" + parts[1];
                    int expected = nextByChannelThread.getOrDefault(key, 0);
                    assertThat(Integer.parseInt(parts[2])).as("order of %s", key).isEqualTo(expected);
                    nextByChannelThread.put(key, expected + 1);
                }
            }
        }
    }
}
