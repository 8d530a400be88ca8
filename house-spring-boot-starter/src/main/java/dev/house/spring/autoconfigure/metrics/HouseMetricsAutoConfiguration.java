package dev.house.spring.autoconfigure.metrics;

import dev.house.core.HouseServer;
import dev.house.core.sse.SseChannels;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.metrics.HouseRequestMetrics;
import dev.house.spring.metrics.HouseServerMeters;
import dev.house.spring.metrics.HouseSseMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the house server, when Micrometer is on the classpath and the
 * application has a {@link MeterRegistry}: {@link HouseRequestMetrics} counts failed exchanges,
 * {@link HouseServerMeters} reports connections and bytes, {@link HouseSseMeters} the event
 * channels. Requests are timed by the {@code http.server.requests} observation
 * ({@code HouseObservationAutoConfiguration}), once.
 */
@AutoConfiguration(after = HouseAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, HouseServer.class })
@ConditionalOnBean({ MeterRegistry.class, HouseServer.class })
public final class HouseMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    HouseRequestMetrics houseRequestMetrics(MeterRegistry registry) {
        return new HouseRequestMetrics(registry);
    }

    /** Bound here, so the meters exist even where Boot's metrics module does not bind binders. */
    @Bean
    @ConditionalOnMissingBean
    HouseServerMeters houseServerMeters(HouseServer server, MeterRegistry registry) {
        HouseServerMeters meters = new HouseServerMeters(server);
        meters.bindTo(registry);
        return meters;
    }

    @Bean
    @ConditionalOnBean(SseChannels.class)
    @ConditionalOnMissingBean
    HouseSseMeters houseSseMeters(SseChannels channels, MeterRegistry registry) {
        HouseSseMeters meters = new HouseSseMeters(channels);
        meters.bindTo(registry);
        return meters;
    }
}
