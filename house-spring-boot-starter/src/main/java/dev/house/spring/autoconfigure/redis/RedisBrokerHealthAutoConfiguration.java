package dev.house.spring.autoconfigure.redis;

import dev.house.spring.redis.RedisBroker;
import dev.house.spring.redis.RedisBrokerHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * The {@code houseBroker} health indicator for the Redis broker, when Spring Boot's health module
 * is present and {@code management.health.house-broker.enabled} is not false: DOWN while Redis is
 * unreachable.
 */
@AutoConfiguration(after = RedisBrokerAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, RedisBroker.class })
@ConditionalOnBean(RedisBroker.class)
@ConditionalOnEnabledHealthIndicator("house-broker")
public final class RedisBrokerHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "houseBrokerHealthIndicator")
    RedisBrokerHealthIndicator houseBrokerHealthIndicator(RedisBroker broker) {
        return new RedisBrokerHealthIndicator(broker);
    }
}
