package dev.house.bench.webflux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Rooms shared by several nodes through Redis pub/sub, as a Spring WebFlux user would scale the
 * chat out: a post is {@code PUBLISH}ed, and each node subscribes to a room's Redis channel once,
 * when its first local subscriber arrives, feeding the room's local sink. Pub/sub keeps no history,
 * so unlike house's Redis broker there is no replay after a reconnect.
 */
class RedisRooms implements Rooms {
    private final LocalRooms local = new LocalRooms();
    private final Map<String, Disposable> listening = new ConcurrentHashMap<>();
    private final ReactiveStringRedisTemplate redis;
    private final ReactiveRedisMessageListenerContainer container;

    RedisRooms(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections) {
        this.redis = redis;
        this.container = new ReactiveRedisMessageListenerContainer(connections);
    }

    @Override
    public Flux<ServerSentEvent<String>> events(String room) {
        listening.computeIfAbsent(room, r -> container.receive(ChannelTopic.of(topic(r)))
                .subscribe(message -> local.emit(r, message.getMessage())));
        return local.events(room);
    }

    @Override
    public Mono<Void> publish(String room, String data) {
        return redis.convertAndSend(topic(room), data).then();
    }

    private static String topic(String room) {
        return "room:" + room;
    }
}
