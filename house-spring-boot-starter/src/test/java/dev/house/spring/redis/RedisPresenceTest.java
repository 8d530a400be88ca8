package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.ChannelPresence;
import dev.house.core.sse.Presence;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.spring.testing.TestRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Presence across two house nodes sharing a real redis-server: counts and identities of both
 * nodes on either node, {@code house-join}/{@code house-leave} once per identity across nodes,
 * leaves on a reset connection, on a slow client cut off, and on a node that stopped without a
 * word (its entries expire).
 */
class RedisPresenceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]*)\"");
    private TestRedis redis;
    private final List<Node> nodes = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = TestRedis.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        for (Node n : nodes) {
            n.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Node node(Duration grace) {
        return node(SseConfig.builder().presenceGrace(grace).presenceBatch(Duration.ofMillis(50)),
                Duration.ofSeconds(20));
    }

    private Node node(SseConfig.Builder config, Duration presenceTtl) {
        Node n = new Node(redis.uri(), config.build(), RedisBrokerSettings.builder()
                .reconnect(Duration.ofMillis(20), Duration.ofMillis(200)).presenceTtl(presenceTtl));
        nodes.add(n);
        return n;
    }

    /** Opens {@code /presence} on {@code node} as {@code as} (or anonymously) and waits until Redis counts it. */
    private EventStreamClient join(Node node, String as) throws Exception {
        int before = node.sse.subscriberCount("room");
        EventStreamClient c = EventStreamClient.open(node.port(),
                "/presence?channel=room" + (as == null ? "" : "&as=" + as), null);
        clients.add(c);
        assertThat(Await.until(WAIT, () -> node.sse.subscriberCount("room") >= before + 1)).as("counted").isTrue();
        return c;
    }

    /** The next house-join or house-leave event, as "join:[ids]" or "leave:[ids]". */
    private static String nextPresenceEvent(EventStreamClient c) throws IOException {
        while (true) {
            EventStreamClient.Event e = c.events(1, WAIT).get(0);
            if (SseChannels.JOIN_EVENT.equals(e.name()) || SseChannels.LEAVE_EVENT.equals(e.name())) {
                List<String> ids = new ArrayList<>();
                Matcher m = ID.matcher(e.data());
                while (m.find()) {
                    ids.add(m.group(1));
                }
                return (SseChannels.JOIN_EVENT.equals(e.name()) ? "join:" : "leave:") + ids;
            }
        }
    }

    private static List<String> ids(ChannelPresence p) {
        return p.members().stream().map(Presence::id).sorted().toList();
    }

    @Test
    void countsAndIdentitiesAreClusterWideOnEveryNode() throws Exception {
        Node a = node(Duration.ofSeconds(5));
        Node b = node(Duration.ofSeconds(5));
        join(a, "ann");
        join(a, "ann"); // a second tab
        join(a, "bob");
        join(b, "ann");
        join(b, "cid");
        join(b, null);

        for (Node n : List.of(a, b)) {
            assertThat(Await.until(WAIT, () -> n.sse.presence("room").subscribers() == 6
                    && n.sse.presence("room").identities() == 3)).as("six streams, three identities").isTrue();
            ChannelPresence p = n.sse.presence("room");
            assertThat(ids(p)).containsExactly("ann", "bob", "cid");
            assertThat(p.complete()).isTrue();
            assertThat(p.members()).contains(Presence.of("bob", "{\"name\":\"bob\"}"));
            assertThat(n.sse.subscriberCount("room")).isEqualTo(6);
        }
        ChannelPresence bounded = a.sse.presence("room", 2);
        assertThat(bounded.members()).hasSize(2);
        assertThat(bounded.identities()).isEqualTo(3);
        assertThat(bounded.complete()).isFalse();
    }

    @Test
    void joinAndLeaveAreAnnouncedOncePerIdentityAcrossNodes() throws Exception {
        Node a = node(Duration.ofMillis(200));
        Node b = node(Duration.ofMillis(200));
        EventStreamClient watcherOnA = join(a, null);
        EventStreamClient watcherOnB = join(b, null);

        EventStreamClient annOnA = join(a, "ann");
        assertThat(nextPresenceEvent(watcherOnA)).isEqualTo("join:[ann]");
        assertThat(nextPresenceEvent(watcherOnB)).isEqualTo("join:[ann]");
        EventStreamClient annOnB = join(b, "ann"); // the same user on the other node: no second join
        annOnA.close(); // still on b: no leave, even after the grace period
        assertThat(Await.until(WAIT, () -> a.sse.subscriberCount("room") == 3)).isTrue();
        Thread.sleep(600);
        join(b, "bob"); // a marker: the next event anyone sees is bob's join
        assertThat(nextPresenceEvent(watcherOnA)).isEqualTo("join:[bob]");
        assertThat(nextPresenceEvent(watcherOnB)).isEqualTo("join:[bob]");

        annOnB.close(); // the last tab anywhere: one leave
        assertThat(nextPresenceEvent(watcherOnA)).isEqualTo("leave:[ann]");
        assertThat(nextPresenceEvent(watcherOnB)).isEqualTo("leave:[ann]");
        assertThat(ids(a.sse.presence("room"))).containsExactly("bob");
    }

    @Test
    void identityLeavesEverywhereWhenItsConnectionIsReset() throws Exception {
        Node a = node(Duration.ZERO);
        Node b = node(Duration.ZERO);
        EventStreamClient watcher = join(a, null);
        EventStreamClient ann = join(b, "ann");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        ann.resetConnection();
        assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[ann]");
        assertThat(a.sse.presence("room").identities()).isZero();
    }

    @Test
    void identityLeavesEverywhereWhenCutOffAsTooSlow() throws Exception {
        SseConfig.Builder config = SseConfig.builder().presenceGrace(Duration.ZERO)
                .presenceBatch(Duration.ofMillis(50)).maxPendingBytes(16 * 1024).historySize(4);
        Node a = node(config, Duration.ofSeconds(20));
        Node b = node(config, Duration.ofSeconds(20));
        EventStreamClient watcher = join(a, null);
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", b.port()), 5000);
            OutputStream out = slow.getOutputStream();
            out.write("GET /presence?channel=room&as=slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and never read
            assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[slow]");

            String payload = "x".repeat(8 * 1024);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (b.sse.stats().droppedSlow() == 0 && System.nanoTime() < deadline) {
                a.sse.publish("room", payload); // unnamed: the watcher reads past them
                while (watcher.events(1, WAIT).get(0).data() == null) {
                    // skip to the published event, so the watcher keeps up
                }
            }
            assertThat(b.sse.stats().droppedSlow()).isEqualTo(1);
            assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[slow]");
        }
    }

    @Test
    void identitiesOfANodeThatStoppedWithoutCleanupExpire() throws Exception {
        Node a = node(SseConfig.builder().presenceGrace(Duration.ZERO).presenceBatch(Duration.ofMillis(50)),
                Duration.ofMillis(1500));
        Node b = node(SseConfig.builder().presenceGrace(Duration.ZERO).presenceBatch(Duration.ofMillis(50)),
                Duration.ofMillis(1500));
        EventStreamClient watcher = join(a, null);
        join(b, "ann");
        assertThat(nextPresenceEvent(watcher)).isEqualTo("join:[ann]");

        long crashed = System.nanoTime();
        b.broker.halt(); // no refresh, no cleanup, no more changes reach Redis: a crash as Redis sees it
        b.server.stop();
        assertThat(ids(a.sse.presence("room"))).as("still there until its key expires").contains("ann");

        assertThat(nextPresenceEvent(watcher)).isEqualTo("leave:[ann]");
        long tookMillis = (System.nanoTime() - crashed) / 1_000_000;
        assertThat(tookMillis).as("within the TTL and a refresh period, with slack").isLessThan(1500 + 500 + 3000);
        assertThat(a.sse.presence("room").identities()).isZero();
        assertThat(a.sse.subscriberCount("room")).isEqualTo(1);
    }
}
