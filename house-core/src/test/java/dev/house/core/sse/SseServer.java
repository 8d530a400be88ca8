package dev.house.core.sse;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.testing.TestServers;
import java.util.function.UnaryOperator;

/**
 * A real server on a loopback port answering {@code GET /events?channel=a&channel=b} with a
 * subscription, and {@code GET /solo} with a channel-less stream that says hello.
 */
final class SseServer implements AutoCloseable {
    final SseChannels sse;
    final HouseServer server;

    SseServer(SseChannels sse) {
        this(sse, b -> b);
    }

    SseServer(SseChannels sse, UnaryOperator<ServerConfig.Builder> config) {
        this.sse = sse;
        this.server = TestServers.start(Router.builder()
                .get("/events", sse::subscribe)
                .route(HttpMethod.GET, "/loop-events", sse::subscribe, Execution.EVENT_LOOP)
                .get("/solo", r -> sse.stream(s -> s.emit(SseEvent.named("hello", "just you"))))
                .build(), config);
    }

    static SseServer start(UnaryOperator<SseConfig.Builder> config) {
        return new SseServer(SseChannels.builder().config(config.apply(SseConfig.builder()).build()).build());
    }

    int port() {
        return server.port();
    }

    /** Subscribers of {@code channel} right now (0 when the channel does not exist). */
    int subscribers(String channel) {
        return sse.channels().stream().filter(c -> c.name().equals(channel))
                .mapToInt(ChannelStats::subscribers).findFirst().orElse(0);
    }

    @Override
    public void close() {
        server.stop();
        sse.close();
    }
}
