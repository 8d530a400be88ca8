package dev.house.bench.webflux;

import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where a room's messages come from and go to: this JVM alone, or every node through Redis. */
interface Rooms {

    /** The room's live events for one subscriber. */
    Flux<ServerSentEvent<String>> events(String room);

    /** Publishes one message's JSON to the room's subscribers. */
    Mono<Void> publish(String room, String data);
}
