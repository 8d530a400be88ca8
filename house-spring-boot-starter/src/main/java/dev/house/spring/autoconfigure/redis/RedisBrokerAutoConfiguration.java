package dev.house.spring.autoconfigure.redis;

import static dev.house.spring.autoconfigure.PropertyValues.apply;

import dev.house.core.sse.SseConfig;
import dev.house.core.sse.spi.SseBroker;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.redis.RedisBroker;
import dev.house.spring.redis.RedisBrokerSettings;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * With {@code house.broker=redis} and Spring Data Redis on Lettuce, SSE channels go through a
 * {@link RedisBroker} on the application's {@link RedisConnectionFactory}, so several house nodes
 * share channels and history. Without the property the in-memory broker stays. Every bean backs
 * off when the application defines its own.
 */
@AutoConfiguration(after = HouseAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ RedisBroker.class, LettuceConnectionFactory.class, RedisClient.class })
@ConditionalOnProperty(prefix = "house", name = "broker", havingValue = "redis")
@EnableConfigurationProperties(RedisBrokerProperties.class)
public final class RedisBrokerAutoConfiguration {

    /**
     * The broker on the application's Lettuce client, with the {@code house.sse.*} settings; the
     * starter's {@link dev.house.core.sse.SseChannels} picks it up. Closed (not the client) on shutdown.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(SseBroker.class)
    @ConditionalOnBean(RedisConnectionFactory.class)
    RedisBroker houseRedisBroker(RedisConnectionFactory connectionFactory, SseConfig sseConfig,
                                 RedisBrokerProperties redis) {
        return new RedisBroker(lettuceClient(connectionFactory), sseConfig, settings(redis)).start();
    }

    static RedisClient lettuceClient(RedisConnectionFactory factory) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalStateException("house.broker=redis needs Spring Data Redis on Lettuce; the "
                    + "RedisConnectionFactory is a " + factory.getClass().getName());
        }
        AbstractRedisClient client = lettuce.getRequiredNativeClient();
        if (!(client instanceof RedisClient standalone)) {
            throw new IllegalStateException("house.broker=redis supports a standalone or Sentinel Redis, "
                    + "not a Redis Cluster (its scripts use keys in several slots)");
        }
        return standalone;
    }

    static RedisBrokerSettings settings(RedisBrokerProperties p) {
        RedisBrokerSettings.Builder settings = RedisBrokerSettings.builder();
        apply("house.redis.key-prefix", p.getKeyPrefix(), settings::keyPrefix);
        apply("house.redis.publish-timeout", p.getPublishTimeout(), settings::publishTimeout);
        apply("house.redis.read-block", p.getReadBlock(), settings::readBlock);
        apply("house.redis.read-batch", p.getReadBatch(), settings::readBatch);
        apply("house.redis.reconnect-min", p.getReconnectMin(), min -> settings.reconnect(min, min));
        apply("house.redis.reconnect-max", p.getReconnectMax(), max -> settings.reconnect(p.getReconnectMin(), max));
        apply("house.redis.presence-ttl", p.getPresenceTtl(), settings::presenceTtl);
        return settings.build();
    }
}
