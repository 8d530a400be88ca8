package dev.house.core.testing;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.http.RequestRouter;
import java.util.function.UnaryOperator;

/** Starts servers on a free loopback port with settings suited to tests. */
public final class TestServers {
    private TestServers() {
    }

    public static HouseServer start(RequestRouter router) {
        return start(router, b -> b);
    }

    public static HouseServer start(RequestRouter router, UnaryOperator<ServerConfig.Builder> config) {
        ServerConfig.Builder builder = ServerConfig.builder()
                .port(0)
                .address(java.net.InetAddress.getLoopbackAddress())
                .eventLoops(2)
                .shutdownGracePeriod(java.time.Duration.ofSeconds(2));
        return HouseServer.builder().config(config.apply(builder).build()).router(router).build().start();
    }
}
