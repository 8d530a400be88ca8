package dev.house.bench.housestarter;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.sse.SseChannels;
import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * {@code POST /send-message} with the in-memory broker: publishing never waits, so it runs on the
 * event loop.
 */
@HouseHandler
@ConditionalOnProperty(name = "house.broker", havingValue = "local", matchIfMissing = true)
class SendOnEventLoop {
    private final MessagePublisher publisher;

    SendOnEventLoop(SseChannels channels) {
        this.publisher = new MessagePublisher(channels);
    }

    @ClosingRoute(method = HttpMethod.POST, path = "/send-message", execution = Execution.EVENT_LOOP)
    void send(String room, String name, String message) {
        publisher.publish(room, name, message);
    }
}
