package dev.house.spring.autoconfigure.actuate;

import dev.house.core.HouseServer;
import dev.house.core.sse.SseChannels;
import dev.house.spring.actuate.HouseEndpoint;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code house} actuator endpoint, when Spring Boot's actuator is on the classpath and the
 * endpoint is exposed ({@code management.endpoints.web.exposure.include=house}).
 */
@AutoConfiguration(after = HouseAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, HouseServer.class })
@ConditionalOnBean(HouseServer.class)
@ConditionalOnAvailableEndpoint(HouseEndpoint.class)
public final class HouseEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HouseEndpoint houseEndpoint(HouseServer server, ObjectProvider<SseChannels> channels) {
        return new HouseEndpoint(server, channels.getIfAvailable());
    }
}
