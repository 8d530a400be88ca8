package dev.house.spring.redis;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.Presence;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import io.lettuce.core.RedisClient;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One house node as a test runs it: its own Lettuce client, {@link RedisBroker}, SSE channels and
 * server on a free loopback port answering {@code GET /events?channel=...}, and
 * {@code GET /presence?channel=room&as=ann} (present as {@code ann}; join/leave events on).
 */
final class Node implements AutoCloseable {
    final RedisClient client;
    final RedisBroker broker;
    final SseChannels sse;
    final HouseServer server;

    Node(String redisUri, SseConfig config) {
        this(redisUri, config, Duration.ofMillis(20));
    }

    /** @param reconnectMin the first back-off delay after Redis failed */
    Node(String redisUri, SseConfig config, Duration reconnectMin) {
        this(redisUri, config, RedisBrokerSettings.builder().reconnect(reconnectMin, reconnectMin.multipliedBy(10)));
    }

    /** @param settings the broker's settings, read block aside */
    Node(String redisUri, SseConfig config, RedisBrokerSettings.Builder settings) {
        this(redisUri, config, settings, server -> server);
    }

    /** @param serverConfig adjusts the server's settings (loopback, free port, two loops, 1 s grace) */
    Node(String redisUri, SseConfig config, RedisBrokerSettings.Builder settings,
         UnaryOperator<ServerConfig.Builder> serverConfig) {
        client = RedisClient.create(redisUri);
        broker = new RedisBroker(client, config, settings.readBlock(Duration.ofMillis(500)).build()).start();
        sse = SseChannels.builder().config(config).broker(broker).presenceEvents(channel -> true).build();
        server = HouseServer.builder()
                .config(serverConfig.apply(ServerConfig.builder().port(0).address(InetAddress.getLoopbackAddress())
                        .eventLoops(2).shutdownGracePeriod(Duration.ofSeconds(1))).build())
                .router(Router.builder().get("/events", sse::subscribe).get("/presence", this::present).build())
                .build().start();
        try {
            if (!Await.until(Duration.ofSeconds(10), broker::isHealthy)) {
                throw new IllegalStateException("broker did not connect: " + broker.problem());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Node(String redisUri) {
        this(redisUri, SseConfig.defaults());
    }

    private Response present(Request request) {
        String as = request.queryParameter("as");
        return sse.subscribe(request, List.of(request.queryParameter("channel")),
                as == null ? null : Presence.of(as, "{\"name\":\"" + as + "\"}"), null);
    }

    int port() {
        return server.port();
    }

    int subscribers(String channel) {
        return sse.channels().stream().filter(c -> c.name().equals(channel))
                .mapToInt(ChannelStats::subscribers).findFirst().orElse(0);
    }

    @Override
    public void close() {
        server.stop();
        sse.close();
        broker.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
