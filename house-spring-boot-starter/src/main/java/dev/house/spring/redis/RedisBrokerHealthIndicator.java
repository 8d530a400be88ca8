package dev.house.spring.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the Redis SSE broker UP while it is connected and in step with its streams, DOWN while
 * Redis is unreachable (publishing fails then; open streams wait and catch up), with the reason.
 */
public final class RedisBrokerHealthIndicator extends AbstractHealthIndicator {

    private final RedisBroker broker;

    public RedisBrokerHealthIndicator(RedisBroker broker) {
        super("house Redis broker health check failed");
        this.broker = broker;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (broker.isHealthy()) {
            builder.up();
        } else {
            builder.down().withDetail("problem", broker.problem());
        }
        builder.withDetail("channels", broker.channels().size())
                .withDetail("receivedEvents", broker.receivedEvents());
    }
}
