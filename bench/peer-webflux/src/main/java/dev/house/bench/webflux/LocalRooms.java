package dev.house.bench.webflux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Rooms in this JVM. Each room is a {@code Sinks.many().multicast().directBestEffort()}: a
 * subscriber without demand (a slow client) misses events instead of holding back the room, which
 * is the sink a chat fan-out wants ({@code onBackpressureBuffer()} would stall every subscriber
 * behind the slowest).
 */
class LocalRooms implements Rooms {
    private final Map<String, Sinks.Many<ServerSentEvent<String>>> rooms = new ConcurrentHashMap<>();

    @Override
    public Flux<ServerSentEvent<String>> events(String room) {
        return room(room).asFlux();
    }

    @Override
    public Mono<Void> publish(String room, String data) {
        return Mono.fromRunnable(() -> emit(room, data));
    }

    void emit(String room, String data) {
        Sinks.Many<ServerSentEvent<String>> sink = room(room);
        ServerSentEvent<String> event = ServerSentEvent.builder(data).build();
        // Sinks refuse concurrent emitters (FAIL_NON_SERIALIZED); posts arrive on several threads.
        synchronized (sink) {
            sink.tryEmitNext(event);
        }
    }

    private Sinks.Many<ServerSentEvent<String>> room(String name) {
        return rooms.computeIfAbsent(name, n -> Sinks.many().multicast().directBestEffort());
    }
}
