package dev.house.spring.autoconfigure.observation;

import dev.house.core.HouseServer;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.observation.HouseServerObservations;
import dev.house.spring.observation.HouseServerRequestObservationConvention;
import dev.house.spring.observation.ObservedChannelPublisher;
import dev.house.spring.sse.ChannelPublisher;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Observes house's exchanges as {@code http.server.requests} (named and tagged by the
 * application's {@link HouseServerRequestObservationConvention} bean, if any), with the trace
 * context of the caller and the observation current on the handler's thread; and records
 * channel publishes made inside an observation. Needs the application's
 * {@link ObservationRegistry}, which Boot defines with Actuator; tracing (Micrometer Tracing with
 * OpenTelemetry or Brave) turns the observations into spans.
 */
@AutoConfiguration(after = HouseAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ ObservationRegistry.class, HouseServer.class })
@ConditionalOnBean({ ObservationRegistry.class, HouseServer.class })
public final class HouseObservationAutoConfiguration {

    /** First of the interceptors, so that the handler and every other interceptor run in its scope. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @ConditionalOnMissingBean
    HouseServerObservations houseServerObservations(ObservationRegistry registry,
                                                    ObjectProvider<HouseServerRequestObservationConvention> convention) {
        return new HouseServerObservations(registry, convention.getIfAvailable());
    }

    @Bean
    static BeanPostProcessor houseObservedChannelPublisher(ObjectProvider<ObservationRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ChannelPublisher publisher && !(bean instanceof ObservedChannelPublisher)) {
                    ObservationRegistry observations = registry.getIfAvailable();
                    if (observations != null && !observations.isNoop()) {
                        return new ObservedChannelPublisher(publisher, observations);
                    }
                }
                return bean;
            }
        };
    }
}
