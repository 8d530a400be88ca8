package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stopping server ends its SSE streams spread over {@code ServerConfig.streamDrain}, each with
 * a jittered {@code retry:} hint, so that its clients do not all reconnect elsewhere at once.
 * Real sockets, one selector for every client.
 */
class SseShutdownDrainTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private SseChannels sse;
    private HouseServer server;

    private void start(SseConfig config, Duration drain) {
        sse = SseChannels.builder().config(config).build();
        server = TestServers.start(Router.builder().get("/events", sse::subscribe).build(),
                b -> b.maxConnections(5000).shutdownGracePeriod(drain.plusSeconds(5)).streamDrain(drain));
    }

    @AfterEach
    void stop() {
        server.stop();
        sse.close();
    }

    private int subscribers() {
        return sse.subscriberCount("drain");
    }

    /** Opens {@code n} subscribers, then stops the server on another thread while reading them all. */
    private List<SseClientPool.Client> stopWith(SseClientPool pool, int n) throws Exception {
        return stopWith(pool, n, () -> { });
    }

    private List<SseClientPool.Client> stopWith(SseClientPool pool, int n, Runnable beforeStop) throws Exception {
        for (int i = 0; i < n; i++) {
            pool.open(server.port(), "/events?channel=drain", 0, true);
        }
        assertThat(pool.pumpUntil(() -> subscribers() == n, WAIT)).as("all subscribed").isTrue();
        beforeStop.run();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        assertThat(pool.pumpUntil(() -> pool.clients().stream().allMatch(c -> c.closed), WAIT))
                .as("every stream ended").isTrue();
        stopping.get(30, TimeUnit.SECONDS);
        return pool.clients();
    }

    @Test
    void stopEndsTwoThousandStreamsSpreadOverTheDrainWindow() throws Exception {
        Duration window = Duration.ofSeconds(3);
        start(SseConfig.defaults(), window);
        int n = 2000;
        try (SseClientPool pool = new SseClientPool()) {
            long[] stopped = new long[1];
            List<SseClientPool.Client> clients = stopWith(pool, n, () -> stopped[0] = System.nanoTime());

            int[] tenths = new int[10];
            for (SseClientPool.Client c : clients) {
                tenths[(int) Math.min(9, (c.closedAtNanos - stopped[0]) * 10 / window.toNanos())]++;
            }
            // Evenly spread, each tenth of the window sees ~200 ends; a storm puts nearly all in the
            // first. Generous bounds, as a loaded machine delays some timers and reads.
            String spread = "ends per tenth of the window: " + Arrays.toString(tenths);
            // The last tenth also collects the ends a loaded machine pushed past the window: unbounded.
            for (int i = 0; i < 9; i++) {
                assertThat(tenths[i]).as(spread).isLessThanOrEqualTo(n * 3 / 10);
            }
            assertThat(tenths[7] + tenths[8] + tenths[9]).as(spread).isGreaterThanOrEqualTo(n / 5);
        }
    }

    @Test
    void eachEndedStreamGetsARetryHintJitteredAroundTheConfiguredOne() throws Exception {
        start(SseConfig.builder().retry(Duration.ofSeconds(4)).retryOnOpen(false).build(), Duration.ofMillis(200));
        try (SseClientPool pool = new SseClientPool()) {
            List<Long> hints = stopWith(pool, 200).stream()
                    .map(c -> c.events.stream().map(SseParser.Event::retry).filter(Objects::nonNull).findFirst()
                            .orElseThrow(() -> new AssertionError("no retry hint before the end: " + c.events)))
                    .toList();

            assertThat(hints).allSatisfy(h -> assertThat(h).isBetween(2000L, 6000L));
            assertThat(hints.stream().distinct().count()).as("distinct hints among 200 streams").isGreaterThan(8);
        }
    }

    @Test
    void aFewStreamsEndWithinMillisecondsRatherThanWaitingOutTheWindow() throws Exception {
        Duration window = Duration.ofSeconds(20);
        start(SseConfig.defaults(), window);
        try (SseClientPool pool = new SseClientPool()) {
            long started = System.nanoTime();
            stopWith(pool, 10);

            // 10 streams take ~100 ms; generous slack for a loaded machine, far below the window.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(window.dividedBy(4));
        }
    }
}
