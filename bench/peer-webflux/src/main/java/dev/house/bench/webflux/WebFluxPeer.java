package dev.house.bench.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Spring WebFlux peer on Reactor Netty, configured as a user would (see application.properties);
 * its rooms live in this JVM unless {@code bench.broker=redis} (the two-node scenario);
 * HTTPS when {@code TLS_KEYSTORE} is set (profile {@code tls}).
 */
@SpringBootApplication
public class WebFluxPeer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WebFluxPeer.class);
        if (System.getenv("TLS_KEYSTORE") != null) {
            app.setAdditionalProfiles("tls"); // application-tls.properties: HTTPS with that key store
        }
        app.run(args);
    }

    @Bean
    @ConditionalOnProperty(name = "bench.broker", havingValue = "redis")
    Rooms redisRooms(ReactiveStringRedisTemplate redis, ReactiveRedisConnectionFactory connections) {
        return new RedisRooms(redis, connections);
    }

    @Bean
    @ConditionalOnProperty(name = "bench.broker", havingValue = "local", matchIfMissing = true)
    Rooms localRooms() {
        return new LocalRooms();
    }
}
