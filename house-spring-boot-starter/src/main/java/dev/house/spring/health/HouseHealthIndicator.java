package dev.house.spring.health;

import dev.house.core.HouseServer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the house server UP while it listens and every event loop is alive, DOWN otherwise
 * (not yet started, stopping, or a loop died), with its port, loop count and open connections.
 */
public final class HouseHealthIndicator extends AbstractHealthIndicator {

    private final HouseServer server;

    public HouseHealthIndicator(HouseServer server) {
        super("house health check failed");
        this.server = server;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean running = server.isRunning();
        (running ? builder.up() : builder.down())
                .withDetail("listening", running)
                .withDetail("port", server.port())
                .withDetail("eventLoops", server.eventLoops().size())
                .withDetail("eventLoopsAlive", server.eventLoopsAlive())
                .withDetail("connections", server.connectionCount());
    }
}
