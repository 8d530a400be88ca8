package dev.house.spring.actuate;

import dev.house.core.HouseServer;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseStats;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code house} actuator endpoint: the server's state and every event channel with its
 * subscriber count ({@code /actuator/house}), or one channel ({@code /actuator/house/{channel}}).
 */
@Endpoint(id = "house")
public class HouseEndpoint {

    private final HouseServer server;
    private final @Nullable SseChannels channels;

    public HouseEndpoint(HouseServer server, @Nullable SseChannels channels) {
        this.server = server;
        this.channels = channels;
    }

    @ReadOperation
    public HouseDescriptor house() {
        return new HouseDescriptor(server.isRunning(), server.port(), server.eventLoops().size(),
                server.connectionCount(), server.bytesReceived(), server.bytesSent(),
                channels == null ? null : channels.stats(),
                channels == null ? List.of() : channels.channels());
    }

    /** One channel's counts, or nothing (404) when it has no subscribers and no history. */
    @ReadOperation
    public @Nullable ChannelStats channel(@Selector String channel) {
        if (channels == null) {
            return null;
        }
        for (ChannelStats stats : channels.channels()) {
            if (stats.name().equals(channel)) {
                return stats;
            }
        }
        return null;
    }

    /**
     * What the endpoint reports.
     *
     * @param sse totals across all channels, or {@code null} without channels
     * @param channels every channel with subscribers or retained history, sorted by name
     */
    public record HouseDescriptor(boolean running, int port, int eventLoops, int connections, long bytesReceived,
                                  long bytesSent, @Nullable SseStats sse, List<ChannelStats> channels) {
    }
}
