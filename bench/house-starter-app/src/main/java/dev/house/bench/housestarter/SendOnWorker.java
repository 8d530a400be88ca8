package dev.house.bench.housestarter;

import dev.house.core.http.HttpMethod;
import dev.house.core.sse.SseChannels;
import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * {@code POST /send-message} with {@code house.broker=redis} (the two-node scenario): publishing
 * waits for Redis to assign the event's id, so it runs on a worker, the route's default.
 */
@HouseHandler
@ConditionalOnProperty(name = "house.broker", havingValue = "redis")
class SendOnWorker {
    private final MessagePublisher publisher;

    SendOnWorker(SseChannels channels) {
        this.publisher = new MessagePublisher(channels);
    }

    @ClosingRoute(method = HttpMethod.POST, path = "/send-message")
    void send(String room, String name, String message) {
        publisher.publish(room, name, message);
    }
}
