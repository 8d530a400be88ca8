package dev.house.spring.autoconfigure.health;

import dev.house.core.HouseServer;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.health.HouseHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * The {@code house} health indicator, when Spring Boot's health module is on the classpath and
 * {@code management.health.house.enabled} is not false.
 */
@AutoConfiguration(after = HouseAutoConfiguration.class,
        beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ Health.class, HouseServer.class })
@ConditionalOnBean(HouseServer.class)
@ConditionalOnEnabledHealthIndicator("house")
public final class HouseHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "houseHealthIndicator")
    HouseHealthIndicator houseHealthIndicator(HouseServer server) {
        return new HouseHealthIndicator(server);
    }
}
