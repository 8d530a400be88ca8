package dev.house.bench.webflux;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The Spring WebFlux peer on Reactor Netty, configured as a user would (see application.properties);
 * its rooms live in this JVM unless {@code bench.broker=redis} (the two-node scenario);
 * HTTPS when {@code TLS_KEYSTORE} is set (profile {@code tls}); HTTP/2 too when {@code BENCH_HTTP2=1}
 * (profile {@code h2}).
 */
@SpringBootApplication
public class WebFluxPeer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WebFluxPeer.class);
        List<String> profiles = new ArrayList<>();
        if (System.getenv("TLS_KEYSTORE") != null) {
            profiles.add("tls"); // application-tls.properties: HTTPS with that key store
        }
        if ("1".equals(System.getenv("BENCH_HTTP2"))) {
            profiles.add("h2"); // application-h2.properties: server.http2.enabled
        }
        app.setAdditionalProfiles(profiles.toArray(String[]::new));
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
