package dev.house.bench.housestarter;

import dev.house.core.http.Execution;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.sse.Presence;
import dev.house.core.sse.SseChannels;
import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import dev.house.spring.handler.StreamRoute;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;

/**
 * Two of the bench endpoints as a Spring user writes them with the starter; the third, publishing,
 * is in {@link SendOnEventLoop} or {@link SendOnWorker} depending on the broker. Neither blocks,
 * so both run on the event loop ({@link Execution#EVENT_LOOP}), as the starter's documentation
 * advises for such code; parameters are bound by name from the query or the form/JSON body.
 * With {@code BENCH_PRESENCE=true} every stream is present as its own identity (its client's
 * address and port), the worst case for presence: one identity per stream.
 */
@HouseHandler
class ChatHandlers {
    private final SseChannels channels;
    private final boolean presence;

    ChatHandlers(SseChannels channels, @Value("${bench.presence:false}") boolean presence) {
        this.channels = channels;
        this.presence = presence;
    }

    @ClosingRoute(path = "/hello", contentType = "text/plain; charset=utf-8", execution = Execution.EVENT_LOOP)
    String hello() {
        return "Hello, world";
    }

    @StreamRoute(path = "/source", execution = Execution.EVENT_LOOP)
    Response source(String room, Request request) {
        if (presence) {
            return channels.subscribe(request, List.of(room), Presence.of(request.remoteAddress().toString()), null);
        }
        return channels.subscribe(request, List.of(room));
    }
}
