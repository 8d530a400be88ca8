package dev.house.spring.autoconfigure.actuate.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health endpoint's web extension (HTTP status per health status, groups such as the
 * liveness and readiness probes, {@code show-details}) in a house-only application, where Boot
 * defines it only for servlet and reactive applications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(HealthEndpoint.class)
@ConditionalOnAvailableEndpoint(endpoint = HealthEndpoint.class, exposure = EndpointExposure.WEB)
class HouseHealthEndpointWebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HealthEndpointWebExtension healthEndpointWebExtension(HealthContributorRegistry registry,
                                                          ObjectProvider<ReactiveHealthContributorRegistry> reactiveRegistry,
                                                          HealthEndpointGroups groups, HealthEndpointProperties properties) {
        return new HealthEndpointWebExtension(registry, reactiveRegistry.getIfAvailable(), groups,
                properties.getLogging().getSlowIndicatorThreshold());
    }
}
